package org.dl4jmortal.analog.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jmortal.analog.device.PcmPhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FaultAndVariationTest {
    private static final int N = 100_000;

    /** Fractions of a multinomial draw: each within 4 sqrt(f (1 - f) / n). */
    @Test
    void faultFractionsMatch() {
        double f0 = 0.05;
        double fG = 0.02;
        double[] c = FaultMap.draw(new long[]{N}, f0, fG, KeyedRandom.key(3L, "faults"), DataType.DOUBLE).toDoubleVector();
        int zero = 0;
        int high = 0;
        for (double v : c) {
            assertTrue(v == 0 || v == 1 || v == 2);
            zero += v == 1 ? 1 : 0;
            high += v == 2 ? 1 : 0;
        }
        assertEquals(f0, zero / (double) N, 4 * Math.sqrt(f0 * (1 - f0) / N));
        assertEquals(fG, high / (double) N, 4 * Math.sqrt(fG * (1 - fG) / N));
    }

    /** Stuck devices read 0 or 1 at every time while drift and 1/f noise act on the healthy ones. */
    @Test
    void stuckDevicesNeverChange() {
        PcmPhysics physics = PcmPhysics.defaults();
        long[] shape = {200, 50};
        INDArray target = KeyedRandom.uniform(1L, DataType.DOUBLE, shape);
        INDArray g = ProgrammingNoise.program(target, physics, 1.0, 2L);
        INDArray nu = Drift.drawExponents(target, physics, 3L);
        INDArray codes = FaultMap.draw(shape, 0.1, 0.1, 4L, DataType.DOUBLE);
        INDArray healthy = FaultMap.healthyMask(codes);
        double[] c = codes.data().asDouble();
        double[] previousHealthy = null;
        for (double t : new double[]{0, 1, 3600, 86_400, 31_536_000}) {
            double[] v = ProgrammedPair.conductanceAt(g, nu, codes, t, physics, true, true, 5L).data().asDouble();
            for (int i = 0; i < c.length; i++) {
                if (c[i] == 1) {
                    assertEquals(0.0, v[i], 0.0);
                } else if (c[i] == 2) {
                    assertEquals(1.0, v[i], 0.0);
                }
            }
            double[] h = v.clone();
            if (previousHealthy != null) {
                int changed = 0;
                for (int i = 0; i < c.length; i++) {
                    changed += c[i] == 0 && h[i] != previousHealthy[i] ? 1 : 0;
                }
                assertTrue(changed > c.length / 2, "healthy devices do drift");
            }
            previousHealthy = h;
        }
        assertEquals(codes.eq(0).castTo(DataType.DOUBLE), healthy);
    }

    @Test
    void applySetsStuckValuesAndKeepsHealthyOnes() {
        INDArray g = Nd4j.create(new double[]{0.3, 0.4, 0.5});
        INDArray codes = Nd4j.create(new double[]{0, 1, 2});
        assertEquals(Nd4j.create(new double[]{0.3, 0.0, 1.0}), FaultMap.apply(g, codes));
        assertEquals(Nd4j.create(new double[]{1, 0, 0}), FaultMap.healthyMask(codes));
    }

    @Test
    void badFractionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaultMap.draw(new long[]{3}, 0.7, 0.5, 1L));
        assertTrue(e.getMessage().contains("<= 1") && e.getMessage().contains("0.7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FaultMap.draw(new long[]{3}, -0.1, 0, 1L));
        assertTrue(e.getMessage().contains("stuckAtZeroFraction") && e.getMessage().contains("-0.1"), e.getMessage());
    }

    /** Gains max(1 + sigma xi, 0): mean 1 and std sigma for sigma = 0.1 (clip inactive at 10 sigma); 0 gives 1. */
    @Test
    void deviceVariationGainStatistics() {
        double[] v = DeviceVariation.gain(new long[]{N}, 0.1, KeyedRandom.key(8L, "dtod"), DataType.DOUBLE).toDoubleVector();
        assertEquals(1.0, Stats.mean(v), 4 * 0.1 / Math.sqrt(N));
        assertEquals(0.1, Stats.std(v), 4 * 0.1 / Math.sqrt(2.0 * (N - 1)));
        assertEquals(Nd4j.ones(DataType.DOUBLE, 5, 4), DeviceVariation.gain(new long[]{5, 4}, 0.0, 1L, DataType.DOUBLE));
        double[] wide = DeviceVariation.gain(new long[]{N}, 2.0, 9L, DataType.DOUBLE).toDoubleVector();
        for (double d : wide) {
            assertTrue(d >= 0);
        }
        assertThrows(IllegalArgumentException.class, () -> DeviceVariation.gain(new long[]{2}, -1, 1L));
    }

    @Test
    void conductanceAtWithEffectsOffIsTheProgrammedState() {
        PcmPhysics physics = PcmPhysics.defaults();
        INDArray g = KeyedRandom.uniform(1L, DataType.DOUBLE, 10, 10);
        INDArray nu = Drift.drawExponents(g, physics, 2L);
        assertEquals(g, ProgrammedPair.conductanceAt(g, nu, null, 1e6, physics, false, false, 3L));
        assertEquals(Drift.apply(g, nu, 1e6, 20), ProgrammedPair.conductanceAt(g, nu, null, 1e6, physics, true, false, 3L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProgrammedPair.conductanceAt(g, nu, null, -1.0, physics, true, true, 3L));
        assertEquals("time since programming must be finite and >= 0 seconds, got -1.0", e.getMessage());
    }
}
