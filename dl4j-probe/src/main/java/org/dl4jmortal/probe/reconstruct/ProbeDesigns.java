package org.dl4jmortal.probe.reconstruct;

import org.dl4jmortal.spi.random.KeyedRandom;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest.Design;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Probe designs for least squares (DESIGN.md §4): rows are generated on demand from (seed, row index), so a design
 * of any length never has to be held in memory and the same rows can be produced again. Pure functions.
 * <ul>
 *   <li>{@link Design#RADEMACHER}: every entry is {@code +a} or {@code -a} with probability {@code density / 2}
 *       each, else 0 (a sparse Rademacher design; {@code E[x x^T] = density a^2 I}). The values 0 and
 *       {@code ±a} are exact DAC levels under abs-max noise management, so the design adds no input rounding.</li>
 *   <li>{@link Design#HADAMARD}: row {@code r} is row {@code r mod 2^k} of the Sylvester Hadamard matrix of order
 *       {@code 2^k >= nIn + 1}, columns {@code 1..nIn} ({@code H_rc = (-1)^popcount(r & c)}), times {@code a}: every
 *       full block of {@code 2^k} rows has exactly orthogonal columns, {@code X^T X = 2^k a^2 I}.</li>
 * </ul>
 */
public final class ProbeDesigns {
    private ProbeDesigns() {
    }

    /**
     * @param design    the design
     * @param seed      seed of the random design (ignored by Hadamard)
     * @param firstRow  global index of the first row
     * @param rows      number of rows, {@code >= 1}
     * @param nIn       number of inputs
     * @param amplitude entry magnitude {@code a > 0}, network input units
     * @param density   Rademacher density in (0, 1]
     * @return probe rows {@code [rows, nIn]} FLOAT
     */
    public static INDArray rows(Design design, long seed, long firstRow, int rows, int nIn, double amplitude,
                                double density) {
        if (design == Design.HADAMARD) {
            int order = Integer.highestOneBit(nIn) << 1;
            float[] v = new float[rows * nIn];
            for (int r = 0; r < rows; r++) {
                long h = (firstRow + r) % order;
                for (int c = 0; c < nIn; c++) {
                    v[r * nIn + c] = (float) ((Long.bitCount(h & (c + 1)) & 1) == 0 ? amplitude : -amplitude);
                }
            }
            return Nd4j.create(v, new long[] {rows, nIn}, DataType.FLOAT);
        }
        INDArray u = KeyedRandom.uniform(KeyedRandom.key(seed, "rademacher", firstRow), DataType.FLOAT, rows, nIn);
        INDArray plus = u.gt(1 - density / 2).castTo(DataType.FLOAT);
        INDArray minus = u.lt(density / 2).castTo(DataType.FLOAT);
        return plus.subi(minus).muli(amplitude);
    }

    /**
     * The default density: about 200 active inputs per row ({@code min(1, 200 / nIn)}), so that a wide layer's
     * normalised output stays inside a converter range of the usual bound (12) under abs-max noise management
     * (aihwkit's defaults); a denser row saturates the ADC and triggers bound management, whose halved inputs
     * are no longer exact DAC levels.
     *
     * @param nIn number of inputs
     * @return the density in (0, 1]
     */
    public static double defaultDensity(int nIn) {
        return Math.min(1.0, 200.0 / nIn);
    }
}
