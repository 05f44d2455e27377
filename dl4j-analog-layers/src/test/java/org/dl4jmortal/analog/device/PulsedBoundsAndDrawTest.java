package org.dl4jmortal.analog.device;

import static org.dl4jmortal.analog.device.PulsedTestSupport.noVariation;
import static org.dl4jmortal.analog.device.PulsedTestSupport.physics;
import static org.dl4jmortal.analog.device.PulsedTestSupport.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.BaseDL4JTest;
import org.dl4jmortal.analog.physics.pulsed.PulsedDeviceArrays;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bounds are never crossed; the device-to-device draw has aihwkit's statistics; draws are keyed. */
class PulsedBoundsAndDrawTest extends BaseDL4JTest {

    private static void assertWithin(INDArray w, PulsedDeviceArrays d, String what) {
        assertEquals(0.0, w.sub(d.wMax()).maxNumber().doubleValue() > 0 ? 1.0 : 0.0, what + ": above wMax_ij");
        assertEquals(0.0, d.wMin().sub(w).maxNumber().doubleValue() > 0 ? 1.0 : 0.0, what + ": below wMin_ij");
    }

    @Test
    void noRegisteredPulsedDeviceEverLeavesItsOwnBounds() {
        int checked = 0;
        for (DeviceModel device : PulsedTestSupport.installedPulsedDevices()) {
            String name = device.name();
            PulsedDevicePhysics ph = device.pulsedPhysics(device.defaultParameters()).orElseThrow();
            int devices = 400;
            PulsedDeviceArrays d = (PulsedDeviceArrays) ph.drawDevices(2, devices / 2, KeyedRandom.key(1, name));
            assertTrue(d.wMax().minNumber().doubleValue() > 0, name + ": wMax_ij > 0");
            assertTrue(d.wMin().maxNumber().doubleValue() < 0, name + ": wMin_ij < 0");
            INDArray zero = Nd4j.zeros(DataType.DOUBLE, 2, devices / 2);
            // 5000 pulses each way in one train, from 0; 2000 for the pulse-by-pulse rules (ExpStep, PowStep),
            // whose cost grows with the count and which reach their bounds within about 1500 pulses
            boolean iterative = ph instanceof org.dl4jmortal.analog.physics.pulsed.IterativePulsedPhysics;
            double count = iterative ? 2000.0 : 5000.0;
            INDArray many = Nd4j.valueArrayOf(new long[]{2, devices / 2}, count, DataType.DOUBLE);
            INDArray w = ph.applyPulses(zero, many, zero, d, 1L);
            assertWithin(w, d, name + " after " + count + " up");
            w = ph.applyPulses(w, zero, many, d, 2L);
            assertWithin(w, d, name + " after " + count + " down");
            // random mixed counts, repeatedly
            for (int step = 0; step < 10; step++) {
                INDArray up = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt(
                        KeyedRandom.uniform(KeyedRandom.key(3, step), DataType.DOUBLE, 2, devices / 2)))
                        .muli(30).castTo(DataType.INT32).castTo(DataType.DOUBLE);
                INDArray down = KeyedRandom.uniform(KeyedRandom.key(4, step), DataType.DOUBLE, 2, devices / 2)
                        .muli(30).castTo(DataType.INT32).castTo(DataType.DOUBLE);
                w = ph.applyPulses(w, up, down, d, KeyedRandom.key(5, step));
                assertWithin(w, d, name + " mixed step " + step);
            }
            checked++;
        }
        assertEquals(12, checked, "pulsed devices checked");
    }

    @Test
    void boundsStayOnTheirSideOfZeroEvenWithHugeSpread() {
        PulsedDevicePhysics ph = physics(new ConstantStepDeviceModel(), java.util.Map.of("wMaxDtod", 3.0,
                "wMinDtod", 3.0));
        PulsedDeviceArrays d = (PulsedDeviceArrays) ph.drawDevices(100, 100, 9L);
        assertTrue(d.wMax().minNumber().doubleValue() > 0);
        assertTrue(d.wMin().maxNumber().doubleValue() < 0);
    }

    @Test
    void deviceToDeviceSpreadsAreRelativeAsInAihwkit() {
        int n = 200 * 200;
        PulsedDevicePhysics ph = physics(new ConstantStepDeviceModel(), with(noVariation(), "dwMinDtod", 0.3,
                "wMaxDtod", 0.2, "wMinDtod", 0.1, "upDownDtod", 0.05));
        PulsedDeviceArrays d = (PulsedDeviceArrays) ph.drawDevices(200, 200, 21L);
        // step gain 1 + 0.3 xi and asymmetry r = 0.05 xi': stepUp/dwMin has mean 1, std sqrt(0.3^2 + 0.05^2)
        INDArray up = d.stepUp().div(0.001);
        double sd = Math.hypot(0.3, 0.05);
        assertEquals(1.0, up.meanNumber().doubleValue(), 4 * sd / Math.sqrt(n));
        assertEquals(sd, up.stdNumber().doubleValue(), 4 * sd / Math.sqrt(2.0 * n));
        // up minus down = 2 r dwMin: std 2 * 0.05
        INDArray diff = d.stepUp().sub(d.stepDown()).div(0.001);
        assertEquals(0.1, diff.stdNumber().doubleValue(), 4 * 0.1 / Math.sqrt(2.0 * n));
        // bounds wMax (1 + 0.2 xi), wMin (1 + 0.1 xi)
        assertEquals(0.6, d.wMax().meanNumber().doubleValue(), 4 * 0.12 / Math.sqrt(n));
        assertEquals(0.12, d.wMax().stdNumber().doubleValue(), 4 * 0.12 / Math.sqrt(2.0 * n));
        assertEquals(-0.6, d.wMin().meanNumber().doubleValue(), 4 * 0.06 / Math.sqrt(n));
        assertEquals(0.06, d.wMin().stdNumber().doubleValue(), 4 * 0.06 / Math.sqrt(2.0 * n));
    }

    @Test
    void asymmetryIsOneSidedAsInAihwkitsCppPopulate() {
        PulsedDeviceArrays pos = (PulsedDeviceArrays) physics(new ConstantStepDeviceModel(),
                with(noVariation(), "upDown", 0.3)).drawDevices(2, 3, 1L);
        assertEquals(0.001, pos.stepUp().getDouble(1, 2), 1e-15);
        assertEquals(0.0007, pos.stepDown().getDouble(1, 2), 1e-15);
        PulsedDeviceArrays neg = (PulsedDeviceArrays) physics(new ConstantStepDeviceModel(),
                with(noVariation(), "upDown", -0.3)).drawDevices(2, 3, 1L);
        assertEquals(0.0007, neg.stepUp().getDouble(0, 0), 1e-15);
        assertEquals(0.001, neg.stepDown().getDouble(0, 0), 1e-15);
    }

    @Test
    void drawsAndNoiseArePureFunctionsOfTheirKeys() {
        PulsedDevicePhysics ph = physics(new SoftBoundsDeviceModel(), java.util.Map.of());
        PulsedDeviceArrays a = (PulsedDeviceArrays) ph.drawDevices(4, 5, 77L);
        PulsedDeviceArrays b = (PulsedDeviceArrays) ph.drawDevices(4, 5, 77L);
        PulsedDeviceArrays c = (PulsedDeviceArrays) ph.drawDevices(4, 5, 78L);
        assertEquals(a.stepUp(), b.stepUp());
        assertNotEquals(a.stepUp(), c.stepUp());
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 4, 5);
        INDArray n = Nd4j.valueArrayOf(new long[]{4, 5}, 3.0, DataType.DOUBLE);
        assertEquals(ph.applyPulses(w, n, n, a, 5L), ph.applyPulses(w, n, n, a, 5L));
        assertNotEquals(ph.applyPulses(w, n, n, a, 5L), ph.applyPulses(w, n, n, a, 6L));
    }

    @Test
    void floatStatesStayFloat() {
        PulsedDevicePhysics ph = physics(new SoftBoundsDeviceModel(), java.util.Map.of());
        PulsedDevicePhysics.DeviceArrays d = ph.drawDevices(3, 4, 1L);
        INDArray w = Nd4j.zeros(DataType.FLOAT, 3, 4);
        INDArray n = Nd4j.ones(DataType.FLOAT, 3, 4);
        INDArray out = ph.applyPulses(w, n, Nd4j.zeros(DataType.FLOAT, 3, 4), d, 1L);
        assertEquals(DataType.FLOAT, out.dataType());
        assertTrue(out.minNumber().doubleValue() > 0);
    }
}
