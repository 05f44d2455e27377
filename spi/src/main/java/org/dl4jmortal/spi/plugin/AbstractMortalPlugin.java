package org.dl4jmortal.spi.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

/**
 * Base class for plugin modules: binds implementations by name into the {@code MapBinder} of their kind.
 */
public abstract class AbstractMortalPlugin extends AbstractModule implements MortalPlugin {

    /**
     * Registers an implementation under a name. Two registrations of one name, in this plugin or across plugins,
     * are an error of the registry.
     *
     * @param kind the extension point
     * @param name the registered name, lower-case with dashes; must equal the instance's {@code name()}
     * @param implementation the class, with a public no-argument or {@code @Inject} constructor
     * @param <T> the contract
     */
    protected <T extends NamedPlugin> void register(PluginKind<T> kind, String name, Class<? extends T> implementation) {
        MapBinder.newMapBinder(binder(), String.class, kind.type()).addBinding(name).to(implementation);
    }
}
