package org.dl4jmortal.analog.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jmortal.analog.device.PcmPhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ProgrammingNoiseTest {
    private static final int N = 10_000;

    /** Nandakumar et al. 2019 polynomial, in units of gMax = 25 uS, written out independently. */
    private static double sigmaProg(double r) {
        return (0.26348 + 1.9650 * r - 1.1731 * r * r) / 25.0;
    }

    /**
     * For targets far from 0 (>= 9 sigma) the clip at 0 is never active, so the spread is sigma_prog. Sample std
     * of n normals has standard error sigma / sqrt(2 (n - 1)); tolerance 4 standard errors; the mean within 4
     * sigma / sqrt(n).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.6, 0.9, 1.0})
    void programmedSpreadMatchesSigmaProg(double r) {
        INDArray target = Nd4j.valueArrayOf(new long[]{N}, r, DataType.DOUBLE);
        INDArray g = ProgrammingNoise.program(target, PcmPhysics.defaults(), 1.0, KeyedRandom.key(11L, "prog", (long) (r * 100)));
        double[] v = g.toDoubleVector();
        double sigma = sigmaProg(r);
        assertEquals(sigma, Stats.std(v), 4 * sigma / Math.sqrt(2.0 * (N - 1)));
        assertEquals(r, Stats.mean(v), 4 * sigma / Math.sqrt(N));
        assertEquals(r, target.getDouble(0), 0.0, "input unchanged");
    }

    /** At gT = 0 the result is max(sigma xi, 0): mean sigma / sqrt(2 pi), half of the devices exactly 0. */
    @Test
    void zeroTargetIsClippedAtZero() {
        INDArray g = ProgrammingNoise.program(Nd4j.zeros(DataType.DOUBLE, N), PcmPhysics.defaults(), 1.0, KeyedRandom.key(5L));
        double[] v = g.toDoubleVector();
        double sigma = sigmaProg(0);
        int zeros = 0;
        for (double d : v) {
            assertTrue(d >= 0);
            zeros += d == 0 ? 1 : 0;
        }
        assertEquals(sigma / Math.sqrt(2 * Math.PI), Stats.mean(v), 4 * sigma / Math.sqrt(N));
        assertEquals(0.5, zeros / (double) N, 4 * 0.5 / Math.sqrt(N));
    }

    @Test
    void noiseScaleZeroProgramsExactlyAndScaleDoublesSpread() {
        INDArray target = Nd4j.valueArrayOf(new long[]{N}, 0.5, DataType.DOUBLE);
        assertEquals(target, ProgrammingNoise.program(target, PcmPhysics.defaults(), 0.0, 1L));
        double[] v = ProgrammingNoise.program(target, new PcmPhysics(2.0, 20, 250e-9), 1.0, 3L).toDoubleVector();
        double sigma = 2 * sigmaProg(0.5);
        assertEquals(sigma, Stats.std(v), 4 * sigma / Math.sqrt(2.0 * (N - 1)));
    }

    @Test
    void sameKeySameProgrammedState() {
        INDArray target = KeyedRandom.uniform(4L, DataType.DOUBLE, 50, 20);
        assertEquals(ProgrammingNoise.program(target, PcmPhysics.defaults(), 1.0, 9L),
                ProgrammingNoise.program(target, PcmPhysics.defaults(), 1.0, 9L));
    }

    @Test
    void negativeNoiseScaleIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProgrammingNoise.program(Nd4j.zeros(3), PcmPhysics.defaults(), -1.0, 1L));
        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
    }
}
