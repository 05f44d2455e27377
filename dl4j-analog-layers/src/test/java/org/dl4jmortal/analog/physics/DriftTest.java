package org.dl4jmortal.analog.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class DriftTest {
    private static final int N = 10_000;

    private static double muNu(double r) {
        return Math.min(Math.max(-0.0155 * Math.log(Math.max(r, 1e-7)) + 0.0244, 0.049), 0.1);
    }

    private static double sigmaNu(double r) {
        return Math.min(Math.max(-0.0125 * Math.log(Math.max(r, 1e-7)) - 0.0059, 0.008), 0.045);
    }

    /**
     * nu = |N(mu, sigma)|: sample mean and variance against the folded-normal closed forms; tolerance 4 standard
     * errors (mean: sd / sqrt(n); variance: var sqrt(2 / (n - 1)), a normal approximation that is generous here).
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e-3, 0.05, 0.1, 0.5, 1.0})
    void exponentsFollowTheFoldedNormal(double r) {
        INDArray target = Nd4j.valueArrayOf(new long[]{N}, r, DataType.DOUBLE);
        double[] nu = Drift.drawExponents(target, PcmPhysics.defaults(), KeyedRandom.key(21L, (long) (r * 1e4)))
                .toDoubleVector();
        double mean = Stats.foldedNormalMean(muNu(r), sigmaNu(r));
        double var = Stats.foldedNormalVariance(muNu(r), sigmaNu(r));
        for (double v : nu) {
            assertTrue(v >= 0);
        }
        assertEquals(mean, Stats.mean(nu), 4 * Math.sqrt(var / N), "mean nu at r=" + r);
        assertEquals(var, Stats.variance(nu), 4 * var * Math.sqrt(2.0 / (N - 1)), "var nu at r=" + r);
    }

    /**
     * Over 10^4 devices the log-log slope of the mean conductance against (t + t0)/t0, fitted by least squares on
     * 9 log-spaced times from 1e2 s to 1e6 s, equals -E[nu]. For a spread of exponents the exact local slope is
     * -E[nu e^{-nu L}] / E[e^{-nu L}] ~ -(mean - var L); with var(nu) = 6.4e-5 and L <= 11 this shifts it by at most
     * 7e-4, inside the stated tolerance of 1e-3.
     */
    @Test
    void fittedSlopeOfMeanConductanceMatchesMeanExponent() {
        PcmPhysics physics = PcmPhysics.defaults();
        INDArray target = Nd4j.valueArrayOf(new long[]{N}, 0.5, DataType.DOUBLE);
        INDArray g = ProgrammingNoise.program(target, physics, 1.0, KeyedRandom.key(1L, "prog"));
        INDArray nu = Drift.drawExponents(target, physics, KeyedRandom.key(1L, "nu"));
        int k = 9;
        double[] x = new double[k];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            double t = Math.pow(10, 2 + 0.5 * i);
            x[i] = Math.log((t + 20) / 20);
            y[i] = Math.log(Drift.apply(g, nu, t, 20).meanNumber().doubleValue());
        }
        double mx = Stats.mean(x);
        double my = Stats.mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < k; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        double meanNu = nu.meanNumber().doubleValue();
        assertEquals(-meanNu, slope, 1e-3);
        assertEquals(-Stats.foldedNormalMean(muNu(0.5), sigmaNu(0.5)), slope, 1.5e-3);
    }

    @Test
    void applyIsThePowerLaw() {
        INDArray g = Nd4j.create(new double[]{0.2, 0.7, 1.0});
        INDArray nu = Nd4j.create(new double[]{0.0, 0.05, 0.1});
        double[] out = Drift.apply(g, nu, 3600, 20).toDoubleVector();
        for (int i = 0; i < 3; i++) {
            assertEquals(g.getDouble(i) * Math.pow((3600 + 20) / 20.0, -nu.getDouble(i)), out[i], 1e-14);
        }
        assertEquals(g, Drift.apply(g, nu, 0, 20));
    }

    @Test
    void badTimesAreRejectedNamingTheValue() {
        INDArray g = Nd4j.ones(DataType.DOUBLE, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Drift.apply(g, g, -1.0, 20));
        assertEquals("time since programming must be finite and >= 0 seconds, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Drift.apply(g, g, Double.NaN, 20));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Drift.apply(g, g, Double.POSITIVE_INFINITY, 20));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Drift.apply(g, g, 1.0, 0.0));
        assertTrue(e.getMessage().contains("t0"), e.getMessage());
    }
}
