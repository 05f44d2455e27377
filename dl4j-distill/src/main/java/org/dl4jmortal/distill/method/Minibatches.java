package org.dl4jmortal.distill.method;

import java.util.SplittableRandom;
import org.dl4jmortal.spi.random.KeyedRandom;

/**
 * The minibatch order of an epoch: a Fisher–Yates shuffle (Knuth, TAOCP vol. 2, algorithm P) of the row indices,
 * drawn from a generator seeded with {@code KeyedRandom.key(seed, "minibatch-order", epoch)}, so an epoch's order is a
 * pure function of (seed, epoch, rows).
 */
public final class Minibatches {
    private Minibatches() {
    }

    /**
     * @param rows  number of rows, {@code >= 0}
     * @param seed  the run's seed
     * @param epoch the epoch (1-based)
     * @return a permutation of {@code 0..rows-1}
     * @throws IllegalArgumentException if rows is negative
     */
    public static int[] order(int rows, long seed, int epoch) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        int[] p = new int[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(KeyedRandom.key(seed, "minibatch-order", epoch));
        for (int i = rows - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
