package org.dl4jmortal.probe.reconstruct;

import java.util.List;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;

/**
 * Receives intermediate solutions of a sequential fit, for the curve "error against queries with the bound beside
 * it" (issue 6 item 5): called each time the queries spent have doubled since the last call, and at the end.
 */
@FunctionalInterface
public interface CheckpointListener {
    /**
     * @param queries queries spent so far (rows, repeats included)
     * @param layers  the layers solved from the rows seen so far, lowest first
     */
    void onCheckpoint(long queries, List<LayerReconstruction> layers);
}
