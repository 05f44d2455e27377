package org.dl4jmortal.probe.record;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sequence of input rows to send to a model, in a fixed order (the order of the exported rows). Implementations
 * hold at most one batch (or one generation block) in memory. Not thread-safe.
 */
public interface ProbeSource {

    /** @return a one-line description for the manifest (data folder and parts, or the synthetic spec and seed) */
    String description();

    /** @return the number of rows the source yields in total, or {@code -1} if unknown in advance */
    long rows();

    /** @return values per row */
    int width();

    /**
     * @param maxRows the most rows to return, {@code > 0}
     * @return the next {@code 1..maxRows} rows {@code [n, width()]} as float32, or null when the source is exhausted
     */
    INDArray next(int maxRows);

    /**
     * Skips rows (used by resume). The default reads and discards them.
     *
     * @param rows rows to skip, {@code >= 0}
     * @throws IllegalArgumentException if negative or more rows than the source has left
     */
    default void skip(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows to skip must be >= 0, got " + rows);
        }
        long left = rows;
        while (left > 0) {
            INDArray b = next((int) Math.min(left, 4096));
            if (b == null) {
                throw new IllegalArgumentException("cannot skip " + rows + " rows: the source ended "
                        + left + " rows short (" + description() + ")");
            }
            left -= b.size(0);
        }
    }
}
