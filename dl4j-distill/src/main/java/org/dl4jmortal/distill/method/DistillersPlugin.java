package org.dl4jmortal.distill.method;

import org.dl4jmortal.spi.plugin.AbstractMortalPlugin;
import org.dl4jmortal.spi.plugin.PluginKind;

/**
 * Registers the distillers {@code kd} ({@link KdDistiller}) and {@code hint} ({@link HintDistiller}) under
 * {@link PluginKind#DISTILLER}. Listed in {@code META-INF/services/org.dl4jmortal.spi.plugin.MortalPlugin}.
 */
public final class DistillersPlugin extends AbstractMortalPlugin {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public DistillersPlugin() {
    }

    @Override
    protected void configure() {
        register(PluginKind.DISTILLER, KdDistiller.NAME, KdDistiller.class);
        register(PluginKind.DISTILLER, HintDistiller.NAME, HintDistiller.class);
    }
}
