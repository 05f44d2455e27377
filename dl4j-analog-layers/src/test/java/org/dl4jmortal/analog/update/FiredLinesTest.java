package org.dl4jmortal.analog.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Counting coincidences pair by pair and by matrix products gives the same counts; the firing rates are right. */
class FiredLinesTest {

    @Test
    void pairwiseAndProductCountsAgree() {
        SplittableRandom values = new SplittableRandom(3);
        int batch = 6;
        int nIn = 9;
        int nOut = 7;
        double[] x = new double[batch * nIn];
        double[] d = new double[batch * nOut];
        for (int i = 0; i < x.length; i++) {
            x[i] = values.nextDouble(-1, 1);
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = values.nextDouble(-1, 1);
        }
        int[] bl = {3, 0, 5, 1, 4, 2};
        double[] scale = {0.8, 0.8, 0.5, 1.0, 0.9, 0.7};
        FiredLines rows = FiredLines.draw(x, nIn, scale, bl, new SplittableRandom(1));
        FiredLines columns = FiredLines.draw(d, nOut, scale, bl, new SplittableRandom(2));
        assertEquals(15, rows.slots(), "one slot per bit of every sample");
        PulseCounts pairwise = FiredLines.countPairwise(rows, columns, DataType.DOUBLE);
        PulseCounts products = FiredLines.countByProducts(rows, columns, DataType.DOUBLE);
        assertEquals(products.up(), pairwise.up(), "up counts");
        assertEquals(products.down(), pairwise.down(), "down counts");
        assertTrue(pairwise.up().sumNumber().doubleValue() + pairwise.down().sumNumber().doubleValue() > 20,
                "the case has coincidences of both kinds");
        assertTrue(pairwise.up().sumNumber().doubleValue() > 0 && pairwise.down().sumNumber().doubleValue() > 0);
    }

    @Test
    void eachLineFiresWithItsProbability() {
        int slots = 100_000;
        double[] values = {0.1, -0.5, 0.0, 2.0};
        FiredLines f = FiredLines.draw(values, 4, new double[] {0.6}, new int[] {slots}, new SplittableRandom(5));
        int[] fired = new int[4];
        int negative = 0;
        for (int e = 0; e < f.start()[slots]; e++) {
            fired[f.line()[e]]++;
            negative += f.sign()[e] < 0 ? 1 : 0;
        }
        double[] p = {0.06, 0.3, 0.0, 1.0};
        for (int i = 0; i < 4; i++) {
            // 5 binomial standard deviations
            assertEquals(p[i], fired[i] / (double) slots, 5 * Math.sqrt(p[i] * (1 - p[i]) / slots) + 1e-12,
                    "line " + i);
        }
        assertEquals(fired[1], negative, "only the negative line fires with sign -1");
    }
}
