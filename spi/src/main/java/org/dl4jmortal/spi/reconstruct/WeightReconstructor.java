package org.dl4jmortal.spi.reconstruct;

import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.plugin.NamedPlugin;

/**
 * A weight reconstruction method (DESIGN.md §4 "Weight reconstruction"): probes a {@link TappedModel} through its
 * input and taps, layer by layer from the lowest tap upward, and returns the equivalent weights with per-layer error
 * estimates, the Cramér–Rao bound of the design used and the queries spent. Registered by name (for example
 * {@code finite-difference}, {@code least-squares}) under {@code PluginKind.RECONSTRUCTOR}. Implementations must
 * not read weights by any other route than queries (DESIGN.md §2 rule 3).
 */
public interface WeightReconstructor extends NamedPlugin {

    /**
     * @param model   the black box; its ledger is charged for every query
     * @param request budget, target error, seed, options and (optionally) the true noise for the bound
     * @return the reconstructed layers, lowest first, with their reports
     * @throws IllegalArgumentException if the model lacks a tap the method needs (names it), the budget is too
     *                                  small to determine a layer (says how many queries are needed), the target
     *                                  error is below what the bound allows within the budget, or most probes
     *                                  saturate a tap (suggests a smaller step)
     */
    Reconstruction reconstruct(TappedModel model, ReconstructionRequest request);
}
