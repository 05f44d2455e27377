package org.dl4jmortal.probe.reconstruct;

import org.dl4jmortal.spi.plugin.AbstractMortalPlugin;
import org.dl4jmortal.spi.plugin.PluginKind;

/** Registers the weight reconstructors {@code finite-difference} and {@code least-squares}. */
public final class ReconstructionPlugin extends AbstractMortalPlugin {
    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public ReconstructionPlugin() {
    }

    @Override
    protected void configure() {
        register(PluginKind.RECONSTRUCTOR, FiniteDifferenceReconstructor.NAME, FiniteDifferenceReconstructor.class);
        register(PluginKind.RECONSTRUCTOR, LeastSquaresReconstructor.NAME, LeastSquaresReconstructor.class);
    }
}
