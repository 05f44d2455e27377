package org.dl4jmortal.analog.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** BINV against the binomial's closed-form mean, variance and P(0), for the trial counts of pulse trains. */
class BinomialTest {

    @Test
    void meanVarianceAndZeroProbabilityMatchTheClosedForm() {
        int draws = 200_000;
        for (int trials : new int[] {1, 7, 31}) {
            for (double p : new double[] {0.01, 0.3, 0.5, 0.8, 0.999}) {
                SplittableRandom random = new SplittableRandom(trials * 1000L + Math.round(p * 1000));
                double sum = 0;
                double sumSq = 0;
                int zeros = 0;
                for (int d = 0; d < draws; d++) {
                    int k = Binomial.sample(trials, p, random);
                    assertTrue(k >= 0 && k <= trials, "in range");
                    sum += k;
                    sumSq += (double) k * k;
                    zeros += k == 0 ? 1 : 0;
                }
                double mean = sum / draws;
                double variance = sumSq / draws - mean * mean;
                double var = trials * p * (1 - p);
                String what = "n=" + trials + " p=" + p;
                // 5 standard errors: of the mean sqrt(var/draws); of the variance about var sqrt(2/draws) (+ a
                // kurtosis margin for the skewed small-p cases)
                assertEquals(trials * p, mean, 5 * Math.sqrt(var / draws) + 1e-12, what + ": mean");
                assertEquals(var, variance, 5 * var * Math.sqrt(2.0 / draws) + 5 * Math.sqrt(var / draws), what
                        + ": variance");
                double p0 = Math.pow(1 - p, trials);
                assertEquals(p0, zeros / (double) draws, 5 * Math.sqrt(p0 * (1 - p0) / draws) + 1e-12, what
                        + ": P(0)");
            }
        }
    }

    @Test
    void certainOutcomesDrawNothing() {
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(0, Binomial.sample(0, 0.5, random));
        assertEquals(0, Binomial.sample(10, 0.0, random));
        assertEquals(10, Binomial.sample(10, 1.0, random));
        assertEquals(new SplittableRandom(1).nextLong(), random.nextLong(), "no uniform used");
    }
}
