package org.dl4jmortal.probe.reconstruct;

import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.reconstruct.Reconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.dl4jmortal.spi.reconstruct.WeightReconstructor;

/**
 * A {@link WeightReconstructor} that can report intermediate solutions while it spends its budget, for the curve
 * "error against queries with the bound beside it" (issue 6 item 5).
 */
public interface CheckpointedReconstructor extends WeightReconstructor {

    /**
     * As {@link #reconstruct(TappedModel, ReconstructionRequest)}, reporting intermediate solutions.
     *
     * @param model    the black box; its ledger is charged for every query
     * @param request  budget, target error, seed, options and (optionally) the true noise for the bound
     * @param listener receives the layers solved so far each time the queries spent have doubled, and at the end;
     *                 null for none
     * @return the reconstruction
     * @throws IllegalArgumentException as {@link #reconstruct(TappedModel, ReconstructionRequest)}
     */
    Reconstruction reconstruct(TappedModel model, ReconstructionRequest request, CheckpointListener listener);

    @Override
    default Reconstruction reconstruct(TappedModel model, ReconstructionRequest request) {
        return reconstruct(model, request, null);
    }
}
