package org.dl4jmortal.spi.plugin;

import com.google.inject.Module;

/**
 * A plugin jar's entry point: a Guice {@link Module} listed in {@code META-INF/services/org.dl4jmortal.spi.plugin.MortalPlugin}
 * and found with {@link java.util.ServiceLoader}; it must have a public no-argument constructor. Extend
 * {@link AbstractMortalPlugin} and call {@code register(kind, name, class)} in {@code configure()}.
 */
public interface MortalPlugin extends Module {

    /**
     * @return the plugin's version: by default the jar manifest's {@code Implementation-Version}, else
     * {@code "dev"}
     */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
