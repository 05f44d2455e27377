package org.dl4jmortal.spi.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.HashMap;
import java.util.Map;

/**
 * Base class for plugin modules: binds implementations by name into the {@code MapBinder} of their kind.
 */
public abstract class AbstractMortalPlugin extends AbstractModule implements MortalPlugin {
    private final Map<String, Class<?>> registered = new HashMap<>();

    /**
     * Registers an implementation under a name. Two registrations of one name, in this plugin or across plugins,
     * are an error of the registry; within one plugin the error names both implementation classes (registering the
     * same class twice under one name is harmless and ignored).
     *
     * @param kind the extension point
     * @param name the registered name, lower-case with dashes; must equal the instance's {@code name()}
     * @param implementation the class, with a public no-argument or {@code @Inject} constructor
     * @param <T> the contract
     */
    protected <T extends NamedPlugin> void register(PluginKind<T> kind, String name, Class<? extends T> implementation) {
        Class<?> earlier = registered.putIfAbsent(kind.name() + "\u0000" + name, implementation);
        if (earlier != null && earlier != implementation) {
            addError("plugin %s registers the %s name '%s' twice: %s and %s; give each its own name",
                    getClass().getName(), kind.name(), name, earlier.getName(), implementation.getName());
            return;
        }
        MapBinder.newMapBinder(binder(), String.class, kind.type()).addBinding(name).to(implementation);
    }
}
