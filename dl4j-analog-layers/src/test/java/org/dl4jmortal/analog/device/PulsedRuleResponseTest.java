package org.dl4jmortal.analog.device;

import static org.dl4jmortal.analog.device.PulsedTestSupport.noVariation;
import static org.dl4jmortal.analog.device.PulsedTestSupport.parameters;
import static org.dl4jmortal.analog.device.PulsedTestSupport.physics;
import static org.dl4jmortal.analog.device.PulsedTestSupport.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each rule's response against its closed form or against an independent scalar re-implementation of aihwkit's
 * per-pulse equations ({@code update_once} in rpu_*_device.cpp), written here in plain Java doubles.
 */
class PulsedRuleResponseTest extends BaseDL4JTest {
    private static final int[] COUNTS = {0, 1, 2, 7, 50, 300, 900, 2500};

    /** Applies COUNTS[j] pulses to device j in one call (the closed-form or round path). */
    private static INDArray train(PulsedDevicePhysics ph, double start, boolean up, long key) {
        int n = COUNTS.length;
        PulsedDevicePhysics.DeviceArrays d = ph.drawDevices(1, n, 7L);
        INDArray counts = Nd4j.create(DataType.DOUBLE, 1, n);
        for (int j = 0; j < n; j++) {
            counts.putScalar(0, j, COUNTS[j]);
        }
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, n);
        INDArray w = Nd4j.valueArrayOf(new long[]{1, n}, start, DataType.DOUBLE);
        return ph.applyPulses(w, up ? counts : zero, up ? zero : counts, d, key);
    }

    @Test
    void softBoundsUpFromZeroMatchesGeometricClosedForm() {
        PulsedDevicePhysics ph = physics(new SoftBoundsDeviceModel(), noVariation());
        INDArray w = train(ph, 0.0, true, 1L);
        for (int j = 0; j < COUNTS.length; j++) {
            double expected = 0.6 * (1 - Math.pow(1 - 0.001 / 0.6, COUNTS[j]));
            assertEquals(expected, w.getDouble(0, j), 1e-6, "n=" + COUNTS[j]);
        }
    }

    @Test
    void softBoundsDownFromTopMatchesGeometricClosedForm() {
        PulsedDevicePhysics ph = physics(new SoftBoundsDeviceModel(), with(noVariation(), "wMin", -0.4));
        INDArray w = train(ph, 0.5, false, 1L);
        for (int j = 0; j < COUNTS.length; j++) {
            // w_{k+1} = w_k - dwMin (1 - w_k / wMin): fixed point wMin, factor 1 - dwMin/|wMin|
            double expected = -0.4 + (0.5 + 0.4) * Math.pow(1 - 0.001 / 0.4, COUNTS[j]);
            assertEquals(expected, w.getDouble(0, j), 1e-6, "n=" + COUNTS[j]);
        }
    }

    @Test
    void softBoundsCurveOnePulseAtATimeMatchesClosedForm() {
        DeviceCurve c = DeviceResponse.curve(new SoftBoundsDeviceModel(),
                parameters(new SoftBoundsDeviceModel(), noVariation()), 3, 300, 5L);
        assertEquals(601, c.points().size());
        for (int p = 0; p <= 300; p += 25) {
            double expected = 0.6 * (1 - Math.pow(1 - 0.001 / 0.6, p));
            assertEquals(expected, c.points().get(p).mean(), 1e-6);
            assertEquals(0.0, c.points().get(p).std(), 1e-12);
        }
        double top = 0.6 * (1 - Math.pow(1 - 0.001 / 0.6, 300));
        double expectedEnd = -0.6 + (top + 0.6) * Math.pow(1 - 0.001 / 0.6, 300);
        assertEquals(expectedEnd, c.points().get(600).mean(), 1e-6);
    }

    @Test
    void softBoundsMeanWithCycleToCycleNoiseWithinFourStandardErrors() {
        int devices = 4000;
        int n = 120;
        Map<String, Double> o = with(noVariation(), "dwMinStd", 0.3);
        double expected = 0.6 * (1 - Math.pow(1 - 0.001 / 0.6, n));
        // pulse by pulse (exact per-pulse noise)
        DeviceCurve c = DeviceResponse.curve(new SoftBoundsDeviceModel(), parameters(new SoftBoundsDeviceModel(), o),
                devices, n, 11L);
        DeviceCurve.Point last = c.points().get(n);
        assertEquals(expected, last.mean(), 4 * last.std() / Math.sqrt(devices));
        // one closed-form train of n pulses
        PulsedDevicePhysics ph = physics(new SoftBoundsDeviceModel(), o);
        INDArray counts = Nd4j.valueArrayOf(new long[]{1, devices}, n, DataType.DOUBLE);
        INDArray w = ph.applyPulses(Nd4j.zeros(DataType.DOUBLE, 1, devices), counts,
                Nd4j.zeros(DataType.DOUBLE, 1, devices), ph.drawDevices(1, devices, 3L), 99L);
        double std = w.stdNumber().doubleValue();
        assertEquals(expected, w.meanNumber().doubleValue(), 4 * std / Math.sqrt(devices));
        // the train's std (linearised noise) against the per-pulse std: within 4 standard errors of a std
        double se = last.std() / Math.sqrt(2.0 * devices);
        assertEquals(last.std(), std, 4 * Math.hypot(se, std / Math.sqrt(2.0 * devices)));
        // and against the theory sigma dwMin sqrt(n) q^(n-1)
        double q = 1 - 0.001 / 0.6;
        assertEquals(0.3 * 0.001 * Math.sqrt(n) * Math.pow(q, n - 1), std, 4 * std / Math.sqrt(2.0 * devices));
    }

    @Test
    void constantStepIsLinearUntilTheBoundAndAsymmetryShortensDownSteps() {
        PulsedDevicePhysics ph = physics(new ConstantStepDeviceModel(), with(noVariation(), "upDown", 0.2));
        INDArray up = train(ph, 0.0, true, 1L);
        INDArray down = train(ph, 0.0, false, 1L);
        for (int j = 0; j < COUNTS.length; j++) {
            assertEquals(Math.min(COUNTS[j] * 0.001, 0.6), up.getDouble(0, j), 1e-9);
            // aihwkit C++ populate: upDown > 0 keeps the up step and makes the down step dwMin (1 - upDown)
            assertEquals(Math.max(-COUNTS[j] * 0.001 * 0.8, -0.6), down.getDouble(0, j), 1e-9);
        }
        PulsedDevicePhysics neg = physics(new ConstantStepDeviceModel(), with(noVariation(), "upDown", -0.25));
        INDArray upNeg = train(neg, 0.0, true, 1L);
        assertEquals(300 * 0.001 * 0.75, upNeg.getDouble(0, 5), 1e-9);
    }

    @Test
    void constantStepNoiseIsExactSumOfPulses() {
        int devices = 5000;
        int n = 100;
        PulsedDevicePhysics ph = physics(new ConstantStepDeviceModel(), with(noVariation(), "dwMinStd", 0.3));
        INDArray counts = Nd4j.valueArrayOf(new long[]{1, devices}, n, DataType.DOUBLE);
        INDArray w = ph.applyPulses(Nd4j.zeros(DataType.DOUBLE, 1, devices), counts,
                Nd4j.zeros(DataType.DOUBLE, 1, devices), ph.drawDevices(1, devices, 3L), 5L);
        double sd = 0.3 * 0.001 * Math.sqrt(n);
        assertEquals(n * 0.001, w.meanNumber().doubleValue(), 4 * sd / Math.sqrt(devices));
        assertEquals(sd, w.stdNumber().doubleValue(), 4 * sd / Math.sqrt(2.0 * devices));
    }

    @Test
    void linearStepMatchesScalarRecursionAndShrinksTowardsBounds() {
        Map<String, Double> o = with(noVariation(), "gammaUp", 0.5, "gammaDown", 0.3, "gammaUpDtod", 0.0,
                "gammaDownDtod", 0.0);
        PulsedDevicePhysics ph = physics(new LinearStepDeviceModel(), o);
        INDArray up = train(ph, 0.1, true, 1L);
        INDArray down = train(ph, 0.1, false, 1L);
        for (int j = 0; j < COUNTS.length; j++) {
            double wu = 0.1;
            double wd = 0.1;
            for (int k = 0; k < COUNTS[j]; k++) {
                wu = Math.min(wu + 0.001 * (1 - 0.5 * wu / 0.6), 0.6);
                wd = Math.max(wd - 0.001 * (1 - 0.3 * wd / -0.6), -0.6);
            }
            assertEquals(wu, up.getDouble(0, j), 1e-9, "up n=" + COUNTS[j]);
            assertEquals(wd, down.getDouble(0, j), 1e-9, "down n=" + COUNTS[j]);
        }
        DeviceCurve c = DeviceResponse.curve(new LinearStepDeviceModel(), parameters(new LinearStepDeviceModel(), o),
                2, 250, 1L);
        List<DeviceCurve.Point> p = c.points();
        double firstUp = p.get(1).mean() - p.get(0).mean();
        double lateUp = p.get(250).mean() - p.get(249).mean();
        double firstDown = p.get(250).mean() - p.get(251).mean();
        assertEquals(0.001, firstUp, 1e-12);
        assertTrue(lateUp < firstUp, "up steps shrink towards wMax");
        assertEquals(0.001 * (1 - 0.5 * p.get(249).mean() / 0.6), lateUp, 1e-12);
        assertEquals(0.001 * (1 + 0.3 * p.get(250).mean() / 0.6), firstDown, 1e-12);
        assertTrue(firstDown > firstUp, "down steps are larger away from wMin");
    }

    @Test
    void expStepMatchesAihwkitEquationsPulseByPulse() {
        // aihwkit ExpStepDevice defaults, no variation: z = 2 a w / (wMax - wMin) + b
        double aUp = 0.00081, aDown = 0.36833, gUp = 12.44625, gDown = 12.78785, a = 0.244, b = 0.2425;
        PulsedDevicePhysics ph = physics(new ExpStepDeviceModel(), noVariation());
        INDArray up = train(ph, 0.0, true, 1L);
        INDArray down = train(ph, 0.3, false, 1L);
        for (int j = 0; j < COUNTS.length; j++) {
            double wu = 0.0;
            double wd = 0.3;
            for (int k = 0; k < COUNTS[j]; k++) {
                double zu = 2 * a * wu / 1.2 + b;
                wu = Math.min(wu + Math.max(1 - aUp * Math.exp(gUp * zu), 0) * 0.001, 0.6);
                double zd = 2 * a * wd / 1.2 + b;
                wd = Math.max(wd - Math.max(1 - aDown * Math.exp(-gDown * zd), 0) * 0.001, -0.6);
            }
            assertEquals(wu, up.getDouble(0, j), 1e-9, "up n=" + COUNTS[j]);
            assertEquals(wd, down.getDouble(0, j), 1e-9, "down n=" + COUNTS[j]);
        }
        // the exponential term stops the up response below wMax: y_up = 0 at z = ln(1/A_up)/gamma_up
        double wStop = (Math.log(1 / aUp) / gUp - b) * 1.2 / (2 * a);
        assertEquals(Math.min(wStop, 0.6), up.getDouble(0, COUNTS.length - 1), 1e-4);
    }

    @Test
    void powStepMatchesAihwkitEquationsPulseByPulse() {
        Map<String, Double> o = with(noVariation(), "powGamma", 2.0, "powGammaDtod", 0.0, "powUpDown", 0.2);
        PulsedDevicePhysics ph = physics(new PowStepDeviceModel(), o);
        INDArray up = train(ph, 0.0, true, 1L);
        INDArray down = train(ph, 0.2, false, 1L);
        double gammaUp = 2.0;          // gain + min(0.2, 0) = 1
        double gammaDown = 2.0 * 0.8;  // gain - max(0.2, 0) = 0.8
        for (int j = 0; j < COUNTS.length; j++) {
            double wu = 0.0;
            double wd = 0.2;
            for (int k = 0; k < COUNTS[j]; k++) {
                wu = Math.min(wu + 0.001 * Math.pow((0.6 - wu) / 1.2, gammaUp), 0.6);
                wd = Math.max(wd - 0.001 * Math.pow((wd + 0.6) / 1.2, gammaDown), -0.6);
            }
            assertEquals(wu, up.getDouble(0, j), 1e-9, "up n=" + COUNTS[j]);
            assertEquals(wd, down.getDouble(0, j), 1e-9, "down n=" + COUNTS[j]);
        }
    }

    @Test
    void expStepComplexNoiseHasItsStatedStandardDeviation() {
        int devices = 5000;
        Map<String, Double> o = with(noVariation(), "dwMinStd", 0.5, "dwMinStdAdd", 0.002, "dwMinStdSlope", 0.0);
        PulsedDevicePhysics ph = physics(new ExpStepDeviceModel(), o);
        INDArray one = Nd4j.ones(DataType.DOUBLE, 1, devices);
        INDArray w = ph.applyPulses(Nd4j.zeros(DataType.DOUBLE, 1, devices), one, Nd4j.zeros(DataType.DOUBLE, 1,
                devices), ph.drawDevices(1, devices, 1L), 4L);
        double y = 1 - 0.00081 * Math.exp(12.44625 * 0.2425);
        double step = y * 0.001;
        double sd = 0.5 * (step + 0.002);
        assertEquals(step, w.meanNumber().doubleValue(), 4 * sd / Math.sqrt(devices));
        assertEquals(sd, w.stdNumber().doubleValue(), 4 * sd / Math.sqrt(2.0 * devices));
    }
}
