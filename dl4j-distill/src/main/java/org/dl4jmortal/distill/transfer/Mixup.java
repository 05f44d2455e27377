package org.dl4jmortal.distill.transfer;

import java.util.SplittableRandom;
import org.dl4jmortal.spi.distill.TransferSet;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A mixup transfer set (after Zhang, Cisse, Dauphin &amp; Lopez-Paz, "mixup: Beyond Empirical Risk Minimization",
 * ICLR 2018, used here without labels as transfer data for distillation): from a small seed set of real rows
 * {@code x_1..x_m}, the set holds the seed rows themselves, then rows {@code lambda x_i + (1 - lambda) x_j} with
 * {@code i != j} uniform over the seed pairs and {@code lambda ~ U(0, 1)} (Beta(1, 1)). Row {@code r}'s draws come from a
 * generator seeded with {@code KeyedRandom.key(seed, "mixup", r)}, so the set is a pure function of (seed rows, rows,
 * seed). Unlabelled: the teacher labels every mixture.
 */
public final class Mixup {
    private Mixup() {
    }

    /**
     * @param seedRows the real rows {@code [m, width]}, {@code m >= 2}
     * @param rows     total rows of the set (seed rows included), {@code >= m}
     * @param seed     seed of the draws
     * @return {@code [rows, width]} FLOAT
     * @throws IllegalArgumentException if fewer than two seed rows are given or {@code rows < m}
     */
    public static INDArray generate(INDArray seedRows, long rows, long seed) {
        long m = seedRows.rows();
        if (seedRows.rank() != 2 || m < 2) {
            throw new IllegalArgumentException("mixup needs at least 2 seed rows [m, width], got shape "
                    + java.util.Arrays.toString(seedRows.shape()));
        }
        if (rows < m || rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a mixup set of " + m + " seed rows needs between " + m + " and "
                    + Integer.MAX_VALUE + " rows, got " + rows);
        }
        int width = (int) seedRows.columns();
        float[] seedFlat = seedRows.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[(int) rows * width];
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            if (r < m) {
                System.arraycopy(seedFlat, r * width, out, base, width);
                continue;
            }
            SplittableRandom g = new SplittableRandom(KeyedRandom.key(seed, "mixup", r));
            int i = g.nextInt((int) m);
            int j = g.nextInt((int) m - 1);
            if (j >= i) {
                j++;
            }
            float lambda = (float) g.nextDouble();
            for (int c = 0; c < width; c++) {
                out[base + c] = lambda * seedFlat[i * width + c] + (1 - lambda) * seedFlat[j * width + c];
            }
        }
        return Nd4j.create(out, new long[] {rows, width}, 'c');
    }

    /**
     * @param seedRows the real rows {@code [m, width]}
     * @param rows     total rows
     * @param seed     seed of the draws
     * @return the unlabelled transfer set
     * @throws IllegalArgumentException as {@link #generate}
     */
    public static TransferSet transferSet(INDArray seedRows, long rows, long seed) {
        return TransferSet.of("mixup of " + seedRows.rows() + " real rows: " + rows + " rows (seed rows, then mixtures"
                + " with lambda ~ U(0, 1)), seed " + seed, generate(seedRows, rows, seed), null);
    }
}
