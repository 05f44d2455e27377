package org.dl4jmortal.samples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The {@code ag-asi} rule against NeuroSim's equations written out in siemens (Chen, Peng &amp; Yu, IEEE TCAD 2018,
 * eqs. 8-10) with the published Ag:a-Si values, not against the rule's own closed form.
 */
class AgaSiPhysicsTest {
    private static final double G_MIN = 3.08e-9;
    private static final double G_MAX = 3.85e-8;
    private static final double P_UP = 97;
    private static final double P_DOWN = 100;
    private static final double A_UP = 0.499181 * P_UP;
    private static final double A_DOWN = 0.200303 * P_DOWN;

    private static final AgaSiDeviceModel DEVICE = new AgaSiDeviceModel();

    private static PulsedDevicePhysics physics(double cycleToCycle) {
        return DEVICE.pulsedPhysics(DEVICE.defaultParameters().with(AgaSiDeviceModel.CYCLE_TO_CYCLE, cycleToCycle))
                .orElseThrow();
    }

    /** Eq. (8) and (10): conductance after P potentiating pulses from Gmin. */
    private static double eq8(double p) {
        double b = (G_MAX - G_MIN) / (1 - Math.exp(-P_UP / A_UP));
        return b * (1 - Math.exp(-p / A_UP)) + G_MIN;
    }

    /** Inverse of eq. (8): the pulse number of a conductance (NeuroSim's InvNonlinearWeight). */
    private static double eq8Position(double g) {
        double b = (G_MAX - G_MIN) / (1 - Math.exp(-P_UP / A_UP));
        return -A_UP * Math.log(1 - (g - G_MIN) / b);
    }

    /** Eq. (9) and (10) with the depression values: conductance at pulse number P of the depression curve. */
    private static double eq9(double p) {
        double b = (G_MAX - G_MIN) / (1 - Math.exp(-P_DOWN / A_DOWN));
        return -b * (1 - Math.exp((p - P_DOWN) / A_DOWN)) + G_MAX;
    }

    private static double eq9Position(double g) {
        double b = (G_MAX - G_MIN) / (1 - Math.exp(-P_DOWN / A_DOWN));
        return P_DOWN + A_DOWN * Math.log(1 - (G_MAX - g) / b);
    }

    /** w in [-1, 1] (the default bounds) from a conductance, and back. */
    private static double w(double g) {
        return -1 + 2 * (g - G_MIN) / (G_MAX - G_MIN);
    }

    private static double g(double w) {
        return G_MIN + (w + 1) / 2 * (G_MAX - G_MIN);
    }

    private static INDArray pulses(PulsedDevicePhysics p, double w0, double up, double down, long devices) {
        PulsedDevicePhysics.DeviceArrays d = p.drawDevices(1, devices, 11);
        INDArray w = Nd4j.valueArrayOf(new long[]{1, devices}, w0, DataType.DOUBLE);
        return p.applyPulses(w, Nd4j.valueArrayOf(new long[]{1, devices}, up, DataType.DOUBLE),
                Nd4j.valueArrayOf(new long[]{1, devices}, down, DataType.DOUBLE), d, 5);
    }

    @Test
    void potentiationFromGminFollowsEquation8() {
        PulsedDevicePhysics p = physics(0);
        for (int n : new int[]{1, 5, 40, 96}) {
            assertEquals(w(eq8(n)), pulses(p, -1, n, 0, 3).getDouble(0, 2), 1e-12, "after " + n + " pulses");
        }
        assertEquals(1.0, pulses(p, -1, 97, 0, 1).getDouble(0, 0), 1e-12, "Pmax pulses reach Gmax");
        assertEquals(1.0, pulses(p, -1, 150, 0, 1).getDouble(0, 0), 0.0, "never beyond wMax");
    }

    @Test
    void depressionFromGmaxFollowsEquation9() {
        PulsedDevicePhysics p = physics(0);
        for (int m : new int[]{1, 7, 50, 99}) {
            assertEquals(w(eq9(P_DOWN - m)), pulses(p, 1, 0, m, 2).getDouble(0, 1), 1e-12, "after " + m + " pulses");
        }
        assertEquals(-1.0, pulses(p, 1, 0, 300, 1).getDouble(0, 0), 0.0, "never below wMin");
    }

    @Test
    void fromAnInteriorStateThePulseNumberAdvancesOnTheCurve() {
        PulsedDevicePhysics p = physics(0);
        double w0 = 0.3;
        assertEquals(w(eq8(eq8Position(g(w0)) + 12)), pulses(p, w0, 12, 0, 1).getDouble(0, 0), 1e-12);
        assertEquals(w(eq9(eq9Position(g(w0)) - 12)), pulses(p, w0, 0, 12, 1).getDouble(0, 0), 1e-12);
        // within one update: the up train first, then the down train
        assertEquals(w(eq9(eq9Position(eq8(eq8Position(g(w0)) + 4)) - 9)), pulses(p, w0, 4, 9, 1).getDouble(0, 0),
                1e-12);
    }

    @Test
    void dwMinIsTheMeanOfTheTwoStepsAtZero() {
        double up = w(eq8(eq8Position(g(0)) + 1));
        double down = w(eq9(eq9Position(g(0)) - 1));
        assertEquals((up - down) / 2, physics(0).dwMin(), 1e-12);
        assertEquals(-1.0, physics(0).wMin());
        assertEquals(1.0, physics(0).wMax());
    }

    @Test
    void aTrainOfNEqualsNSinglePulsesWithoutNoise() {
        PulsedDevicePhysics p = physics(0);
        PulsedDevicePhysics.DeviceArrays d = p.drawDevices(2, 3, 3);
        INDArray w0 = Nd4j.createFromArray(new double[][]{{-0.9, 0.0, 0.5}, {0.2, -0.3, 0.99}});
        INDArray up = Nd4j.createFromArray(new double[][]{{0, 1, 2}, {10, 30, 97}});
        INDArray down = Nd4j.createFromArray(new double[][]{{3, 0, 1}, {5, 2, 0}});
        INDArray train = p.applyPulses(w0, up, down, d, 1);
        INDArray w = w0.dup();
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        for (int k = 0; k < 97; k++) {
            INDArray one = up.gt(k).castTo(DataType.DOUBLE);
            w = p.applyPulses(w, one, zero, d, 100 + k);
        }
        for (int k = 0; k < 5; k++) {
            w = p.applyPulses(w, zero, down.gt(k).castTo(DataType.DOUBLE), d, 200 + k);
        }
        assertTrue(train.equalsWithEps(w, 1e-12), train + " vs " + w);
    }

    @Test
    void cycleToCycleNoiseHasThePublishedSpreadAndTheTrainLawOfSinglePulses() {
        PulsedDevicePhysics p = physics(0.035);
        int rows = 200;
        int cols = 200;
        PulsedDevicePhysics.DeviceArrays d = p.drawDevices(rows, cols, 9);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, rows, cols);
        INDArray one = Nd4j.ones(DataType.DOUBLE, rows, cols);
        INDArray after1 = p.applyPulses(zero, one, zero, d, 21);
        double n = (double) rows * cols;
        double sigma = 0.035 * 2;
        // one pulse from w = 0: mean on eq. (8), std 3.5% of the range; 4 standard errors
        assertEquals(w(eq8(eq8Position(g(0)) + 1)), after1.meanNumber().doubleValue(), 4 * sigma / Math.sqrt(n));
        assertEquals(sigma, after1.stdNumber().doubleValue(), 4 * sigma / Math.sqrt(2 * n));
        // a train of 10 in one call against 10 single-pulse calls: same mean and spread
        INDArray train = p.applyPulses(zero, one.mul(10), zero, d, 22);
        INDArray single = zero;
        for (int k = 0; k < 10; k++) {
            single = p.applyPulses(single, one, zero, d, 300 + k);
        }
        double std = single.stdNumber().doubleValue();
        assertEquals(single.meanNumber().doubleValue(), train.meanNumber().doubleValue(), 6 * std / Math.sqrt(n));
        assertEquals(std, train.stdNumber().doubleValue(), 0.03 * std);
    }

    @Test
    void boundsAreNeverCrossedAndTheSameKeyGivesTheSameStates() {
        PulsedDevicePhysics p = physics(0.035);
        PulsedDevicePhysics.DeviceArrays d = p.drawDevices(50, 40, 1);
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 50, 40);
        for (int k = 0; k < 60; k++) {
            INDArray up = Transforms.floor(KeyedRandom.uniform(KeyedRandom.key(8, "up", k), DataType.DOUBLE, 50, 40)
                    .muli(6), false);
            INDArray down = Transforms.floor(KeyedRandom.uniform(KeyedRandom.key(8, "down", k), DataType.DOUBLE, 50,
                    40).muli(6), false);
            INDArray next = p.applyPulses(w, up, down, d, k);
            assertEquals(next, p.applyPulses(w, up, down, d, k), "same key, same states");
            assertNotEquals(next, p.applyPulses(w, up, down, d, k + 1000), "another key, other noise");
            w = next;
            assertTrue(w.minNumber().doubleValue() >= -1.0 && w.maxNumber().doubleValue() <= 1.0);
        }
        INDArray f = p.applyPulses(w.castTo(DataType.FLOAT), Nd4j.ones(DataType.FLOAT, 50, 40),
                Nd4j.zeros(DataType.FLOAT, 50, 40), d, 7);
        assertEquals(DataType.FLOAT, f.dataType(), "states keep their data type");
    }

    @Test
    void deviceToDeviceSpreadVariesTheShrinkFactor() {
        ParameterSet params = DEVICE.defaultParameters().with(AgaSiDeviceModel.A_DTOD, 0.1);
        AgaSiPhysics p = (AgaSiPhysics) DEVICE.pulsedPhysics(params).orElseThrow();
        INDArray q = p.drawDevices(30, 30, 4).shrinkUp();
        double mean = Math.exp(-1 / A_UP);
        assertTrue(q.stdNumber().doubleValue() > 1e-4 && q.maxNumber().doubleValue() < 1.0, q.toString());
        assertEquals(mean, q.meanNumber().doubleValue(), 1e-3);
        assertEquals(0.0, ((AgaSiPhysics) physics(0)).drawDevices(3, 3, 4).shrinkUp().stdNumber().doubleValue(),
                0.0, "no spread by default (none is published)");
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        PulsedDevicePhysics p = physics(0);
        PulsedDevicePhysics.DeviceArrays d = p.drawDevices(1, 2, 1);
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.applyPulses(w, Nd4j.createFromArray(new double[][]{{-1, 0}}), w, d, 1));
        assertTrue(e.getMessage().contains("up pulse counts must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> p.applyPulses(w, w, Nd4j.createFromArray(new double[][]{{0.5, 0}}), d, 1));
        assertTrue(e.getMessage().contains("down pulse counts must be whole numbers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> p.applyPulses(w, Nd4j.zeros(DataType.DOUBLE, 2, 1), w, d, 1));
        assertTrue(e.getMessage().contains("[2, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> p.applyPulses(Nd4j.zeros(DataType.DOUBLE, 1, 3), Nd4j.zeros(DataType.DOUBLE, 1, 3),
                        Nd4j.zeros(DataType.DOUBLE, 1, 3), d, 1));
        assertTrue(e.getMessage().contains("do not match the devices drawn for [1, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DEVICE.defaultParameters().with("aUp", 0.0));
        assertTrue(e.getMessage().contains("aUp=0.0 is not allowed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DEVICE.pulsedPhysics(DEVICE.defaultParameters().with("wMin", 0.0)));
        assertTrue(e.getMessage().contains("wMin < 0 < wMax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.drawDevices(0, 4, 1));
        assertTrue(e.getMessage().contains("0 x 4"), e.getMessage());
    }
}
