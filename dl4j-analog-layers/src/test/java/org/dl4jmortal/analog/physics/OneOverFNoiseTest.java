package org.dl4jmortal.analog.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jmortal.analog.device.PcmPhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OneOverFNoiseTest {
    private static final int N = 20_000;
    private static final PcmPhysics PHYSICS = PcmPhysics.defaults();
    private static final long PATH = KeyedRandom.key(77L, "layer0/gPlus/oneOverF");

    /** s(t) of aihwkit's PCMLikeNoiseModel, written out independently: t0 = 20 s, t_read = 250 ns. */
    private static double s(double t) {
        return Math.log((t + 20 + 250e-9) / (2 * 250e-9));
    }

    /**
     * Marginal of the sampled conductance at several times (0, 1 s, 1 h, 1 day, 1 year, 200 and 10^4 years: the
     * last two beyond the dyadic grid): variance |g|^2 Q_s^2 s(t) and mean g, with g = 0.5 far from the clip at 0
     * (relative noise 0.5 * Q_s sqrt(s) ~ 0.08 of g). Tolerance: 4 standard errors of the sample variance,
     * var sqrt(2/(n-1)), and of the mean.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 1, 3600, 86400, 31_536_000, 6.3e9, 3.2e11})
    void marginalVarianceIsAihwkits(double t) {
        double g = 0.5;
        INDArray gArr = Nd4j.valueArrayOf(new long[]{N}, g, DataType.DOUBLE);
        double[] v = OneOverFNoise.sample(gArr, gArr, t, PHYSICS, PATH).toDoubleVector();
        double q = Math.min(0.0088 / Math.max(Math.pow(g, 0.65), 1e-3), 0.2);
        double var = g * g * q * q * s(t);
        assertEquals(var, Stats.variance(v), 4 * var * Math.sqrt(2.0 / (N - 1)), "variance at t=" + t);
        assertEquals(g, Stats.mean(v), 4 * Math.sqrt(var / N), "mean at t=" + t);
    }

    /** The path has independent increments between far-apart times: Var(B(t2) - B(t1)) = s(t2) - s(t1). */
    @Test
    void incrementsBetweenDistantTimesHaveBrownianVariance() {
        double t1 = 3600;
        double t2 = 31_536_000;
        double[] b1 = OneOverFNoise.path(PATH, t1, PHYSICS, DataType.DOUBLE, N).toDoubleVector();
        double[] b2 = OneOverFNoise.path(PATH, t2, PHYSICS, DataType.DOUBLE, N).toDoubleVector();
        double[] d = new double[N];
        for (int i = 0; i < N; i++) {
            d[i] = b2[i] - b1[i];
        }
        double var = s(t2) - s(t1);
        assertEquals(var, Stats.variance(d), 4 * var * Math.sqrt(2.0 / (N - 1)));
    }

    @Test
    void sameKeyAndTimeGiveTheSameStateWhateverWasAskedBefore() {
        INDArray g = KeyedRandom.uniform(3L, DataType.DOUBLE, 40, 30);
        INDArray first = OneOverFNoise.sample(g, g, 86_400, PHYSICS, PATH);
        OneOverFNoise.sample(g, g, 1e9, PHYSICS, PATH);
        OneOverFNoise.sample(g, g, 5, PHYSICS, KeyedRandom.key(1L));
        assertEquals(first, OneOverFNoise.sample(g, g, 86_400, PHYSICS, PATH));
        assertNotEquals(first, OneOverFNoise.sample(g, g, 86_400, PHYSICS, KeyedRandom.key(PATH, 1)));
    }

    /**
     * Continuity: one day and one day plus one second are the same physical object. A Brownian path moves by
     * sqrt(ds) = sqrt(s(t+1) - s(t)) ~ 3.4e-3 in RMS over that second, against sqrt(s(t)) ~ 5.4 of accumulated
     * noise; the path's RMS change must stay below 3 sqrt(ds), and at most 10 sqrt(ds) for any device.
     */
    @Test
    void pathIsContinuousInTime() {
        double t = 86_400;
        double[] a = OneOverFNoise.path(PATH, t, PHYSICS, DataType.DOUBLE, N).toDoubleVector();
        double[] b = OneOverFNoise.path(PATH, t + 1, PHYSICS, DataType.DOUBLE, N).toDoubleVector();
        double ds = s(t + 1) - s(t);
        double sum = 0;
        double max = 0;
        for (int i = 0; i < N; i++) {
            double d = b[i] - a[i];
            sum += d * d;
            max = Math.max(max, Math.abs(d));
        }
        assertTrue(Math.sqrt(sum / N) < 3 * Math.sqrt(ds), "rms change " + Math.sqrt(sum / N));
        assertTrue(max < 10 * Math.sqrt(ds), "max change " + max);
        assertTrue(Stats.std(a) > 1000 * Math.sqrt(ds), "the path itself is not trivially constant");
    }

    /** Across the end of the dyadic grid (100 years) the path stays continuous too. */
    @Test
    void pathIsContinuousAcrossTheGridEnd() {
        double t = OneOverFNoise.GRID_END_SECONDS;
        double[] a = OneOverFNoise.path(PATH, t - 1, PHYSICS, DataType.DOUBLE, N).toDoubleVector();
        double[] b = OneOverFNoise.path(PATH, t + 1, PHYSICS, DataType.DOUBLE, N).toDoubleVector();
        double ds = s(t + 1) - s(t - 1);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += (b[i] - a[i]) * (b[i] - a[i]);
        }
        assertTrue(Math.sqrt(sum / N) < 3 * Math.sqrt(ds), "rms change " + Math.sqrt(sum / N));
    }

    @Test
    void resultIsClippedAtZeroAndZeroConductanceStaysZero() {
        INDArray g = Nd4j.create(new double[]{0.0, 0.0, 1e-4, 1e-4});
        double[] v = OneOverFNoise.sample(g, g, 1e7, PHYSICS, PATH).toDoubleVector();
        assertEquals(0.0, v[0], 0.0);
        assertEquals(0.0, v[1], 0.0);
        assertTrue(v[2] >= 0 && v[3] >= 0);
    }

    @Test
    void negativeTimeIsRejected() {
        INDArray g = Nd4j.ones(DataType.DOUBLE, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneOverFNoise.sample(g, g, -1.0, PHYSICS, PATH));
        assertEquals("time since programming must be finite and >= 0 seconds, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OneOverFNoise.sample(g, g, Double.NaN, PHYSICS, PATH));
    }
}
