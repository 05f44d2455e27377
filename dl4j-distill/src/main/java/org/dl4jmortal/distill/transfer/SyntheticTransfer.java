package org.dl4jmortal.distill.transfer;

import org.dl4jmortal.probe.record.SyntheticProbes;
import org.dl4jmortal.spi.distill.TransferSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synthetic transfer rows for when the original data is gone (DESIGN.md §4): the probe module's
 * {@link SyntheticProbes} ({@code N(0, 1)} or {@code U[0, 1)} values, block {@code k} drawn under
 * {@code KeyedRandom.key(seed, "probe/<kind>", k)}), so a {@code gaussian:N} transfer set has exactly the rows of
 * {@code mortal taps --synthetic gaussian:N} with the same seed. Unlabelled.
 */
public final class SyntheticTransfer {
    private SyntheticTransfer() {
    }

    /**
     * @param kind  gaussian or uniform
     * @param rows  rows, {@code >= 1}
     * @param width values per row (the teacher's input width), {@code >= 1}
     * @param seed  seed of the draws
     * @return the unlabelled transfer set {@code [rows, width]} FLOAT
     * @throws IllegalArgumentException if rows or width is not positive
     */
    public static TransferSet of(SyntheticProbes.Kind kind, long rows, int width, long seed) {
        SyntheticProbes probes = new SyntheticProbes(kind, rows, width, seed);
        return TransferSet.of(probes.description(), readAll(probes), null);
    }

    /**
     * @param probes a synthetic source, read from its present position to its end
     * @return its rows {@code [rows, width]} FLOAT
     */
    static INDArray readAll(SyntheticProbes probes) {
        java.util.List<INDArray> parts = new java.util.ArrayList<>();
        INDArray b;
        while ((b = probes.next(SyntheticProbes.BLOCK)) != null) {
            parts.add(b);
        }
        return Nd4j.vstack(parts);
    }
}
