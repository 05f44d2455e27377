package org.dl4jmortal.samples.plugin;

import java.util.Arrays;
import java.util.Objects;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The pulse rule of {@link AgaSiDeviceModel}: NeuroSim's exponential pulse response ({@link ExponentialPulseResponse};
 * Chen, Peng &amp; Yu, IEEE TCAD 2018, eqs. 8-10) on the bipolar state {@code w = wMin + u (wMax - wMin)} in device
 * units, with NeuroSim's additive cycle-to-cycle noise and an optional device-to-device spread of the nonlinearity.
 * <p>
 * Per device, {@code n} potentiating pulses give {@code w_n = T_up - (T_up - w) q_up^n} with the asymptote
 * {@code T_up = wMin + (1 + c_up)(wMax - wMin)}, and {@code n} depressing pulses {@code w_n = T_down + (w - T_down)
 * q_down^n} with {@code T_down = wMin - c_down (wMax - wMin)}. Noise: every pulse adds {@code sigma xi} with
 * {@code sigma = cycleToCycle (wMax - wMin)} (NeuroSim: {@code sigmaCtoC} as a fraction of the conductance range),
 * damped by the later pulses of the same train, so a train of {@code n} adds one Gaussian of variance
 * {@code sigma^2 (1 - q^(2n)) / (1 - q^2)} (exact in law for the affine recursion). Order within one update, as the
 * built-in devices do: all potentiating pulses, clip to {@code [wMin, wMax]}, then all depressing pulses, clip.
 * Immutable and thread-safe.
 */
public final class AgaSiPhysics implements PulsedDevicePhysics {
    private static final double MIN_A = 1e-3;

    private final double wMin;
    private final double wMax;
    private final double aUp;
    private final double aDown;
    private final double pulsesUp;
    private final double pulsesDown;
    private final double cycleToCycle;
    private final double aDtod;

    /**
     * @param wMin         lower bound (device units, {@code < 0}), where {@code Gmin} maps
     * @param wMax         upper bound (device units, {@code > 0}), where {@code Gmax} maps
     * @param aUp          normalised nonlinearity {@code A / Pmax} of potentiation, {@code > 0}
     * @param aDown        normalised nonlinearity of depression, {@code > 0}
     * @param pulsesUp     {@code Pmax} of potentiation, {@code >= 1}
     * @param pulsesDown   {@code Pmax} of depression, {@code >= 1}
     * @param cycleToCycle std of each pulse's additive noise as a fraction of {@code wMax - wMin}, {@code >= 0}
     * @param aDtod        relative device-to-device std of {@code aUp} and {@code aDown}, {@code >= 0}
     * @throws IllegalArgumentException if {@code wMin >= 0}, {@code wMax <= 0}, or any other value is outside its
     *                                  range or not finite; the message names it and the allowed range
     */
    public AgaSiPhysics(double wMin, double wMax, double aUp, double aDown, double pulsesUp, double pulsesDown,
                        double cycleToCycle, double aDtod) {
        if (!(wMin < 0) || !(wMax > 0) || !Double.isFinite(wMin) || !Double.isFinite(wMax)) {
            throw new IllegalArgumentException("the bounds must satisfy wMin < 0 < wMax (finite), got wMin=" + wMin
                    + " wMax=" + wMax);
        }
        ExponentialPulseResponse.shrinkPerPulse(aUp, pulsesUp);
        ExponentialPulseResponse.shrinkPerPulse(aDown, pulsesDown);
        if (!(cycleToCycle >= 0) || !Double.isFinite(cycleToCycle)) {
            throw new IllegalArgumentException("cycleToCycle must be finite and >= 0, got " + cycleToCycle);
        }
        if (!(aDtod >= 0) || !Double.isFinite(aDtod)) {
            throw new IllegalArgumentException("aDtod must be finite and >= 0, got " + aDtod);
        }
        this.wMin = wMin;
        this.wMax = wMax;
        this.aUp = aUp;
        this.aDown = aDown;
        this.pulsesUp = pulsesUp;
        this.pulsesDown = pulsesDown;
        this.cycleToCycle = cycleToCycle;
        this.aDtod = aDtod;
    }

    /**
     * Draws each device's nonlinearity {@code a (1 + aDtod xi)} (at least {@code 1e-3}) for both directions and
     * derives its shrink factors and asymptotes.
     *
     * @throws IllegalArgumentException if {@code rows} or {@code columns} is {@code < 1}
     */
    @Override
    public Devices drawDevices(long rows, long columns, long key) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("a crossbar needs at least 1 x 1 devices, got " + rows + " x " + columns);
        }
        INDArray up = nonlinearity(aUp, rows, columns, KeyedRandom.key(key, "ag-asi/a-up"));
        INDArray down = nonlinearity(aDown, rows, columns, KeyedRandom.key(key, "ag-asi/a-down"));
        double range = wMax - wMin;
        // q = exp(-1 / (a Pmax)); c = 1 / (exp(1 / a) - 1)
        INDArray qUp = Transforms.exp(up.rdiv(-1.0 / pulsesUp), false);
        INDArray qDown = Transforms.exp(down.rdiv(-1.0 / pulsesDown), false);
        INDArray cUp = Transforms.expm1(up.rdiv(1.0), false).rdivi(1.0);
        INDArray cDown = Transforms.expm1(down.rdiv(1.0), false).rdivi(1.0);
        INDArray targetUp = cUp.addi(1.0).muli(range).addi(wMin);
        INDArray targetDown = cDown.muli(-range).addi(wMin);
        return new Devices(rows, columns, qUp, targetUp, qDown, targetDown);
    }

    private INDArray nonlinearity(double a, long rows, long columns, long key) {
        INDArray out = Nd4j.valueArrayOf(new long[]{rows, columns}, a, DataType.DOUBLE);
        if (aDtod > 0) {
            out.muli(KeyedRandom.gaussian(key, DataType.DOUBLE, rows, columns).muli(aDtod).addi(1.0));
            Transforms.max(out, MIN_A, false);
        }
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the shapes differ, the arrays were drawn by another device or for another
     *                                  shape, or a count is negative or not a whole number
     * @throws NullPointerException     if an argument is null
     */
    @Override
    public INDArray applyPulses(INDArray w, INDArray up, INDArray down, DeviceArrays devices, long noiseKey) {
        Devices d = arrays(devices, w);
        INDArray nUp = counts(up, w, "up");
        INDArray nDown = counts(down, w, "down");
        DataType type = w.dataType();
        INDArray wd = w.castTo(DataType.DOUBLE);
        // potentiation: T - (T - w) q^n, then noise, then clip
        INDArray qn = Transforms.pow(d.qUp, nUp, true);
        INDArray out = d.targetUp.sub(d.targetUp.sub(wd).muli(qn));
        addNoise(out, d.qUp, qn, KeyedRandom.key(noiseKey, "ag-asi/up"));
        clipInPlace(out);
        // depression: T + (w - T) q^n, then noise, then clip
        qn = Transforms.pow(d.qDown, nDown, true);
        out.subi(d.targetDown).muli(qn).addi(d.targetDown);
        addNoise(out, d.qDown, qn, KeyedRandom.key(noiseKey, "ag-asi/down"));
        clipInPlace(out);
        return out.castTo(type);
    }

    private void addNoise(INDArray w, INDArray q, INDArray qn, long key) {
        if (cycleToCycle == 0) {
            return;
        }
        double sigma = cycleToCycle * (wMax - wMin);
        // variance sigma^2 (1 - q^(2n)) / (1 - q^2): zero where no pulse fired
        INDArray q2 = q.mul(q);
        INDArray std = Transforms.sqrt(qn.mul(qn).rsubi(1.0).divi(q2.rsubi(1.0)), false).muli(sigma);
        w.addi(std.muli(KeyedRandom.gaussian(key, DataType.DOUBLE, w.shape())));
    }

    /**
     * @return the states clipped to {@code [wMin, wMax]} (the same bounds for every device), same type as {@code w}
     * @throws NullPointerException if {@code w} is null
     */
    @Override
    public INDArray clip(INDArray w, DeviceArrays devices) {
        Objects.requireNonNull(w, "w");
        return Transforms.min(Transforms.max(w, wMin, true), wMax, false);
    }

    private void clipInPlace(INDArray w) {
        Transforms.max(w, wMin, false);
        Transforms.min(w, wMax, false);
    }

    /**
     * @return the mean of the up and the down step at {@code w = 0} with the mean nonlinearities, in device units: the
     * reference step that maps a learning rate to pulse probabilities (aihwkit's {@code dw_min} is the step at the
     * symmetry point)
     */
    @Override
    public double dwMin() {
        double u0 = -wMin / (wMax - wMin);
        double upStep = ExponentialPulseResponse.upStep(u0, aUp, pulsesUp);
        double downStep = -ExponentialPulseResponse.downStep(u0, aDown, pulsesDown);
        return 0.5 * (upStep + downStep) * (wMax - wMin);
    }

    @Override
    public double wMin() {
        return wMin;
    }

    @Override
    public double wMax() {
        return wMax;
    }

    private static Devices arrays(DeviceArrays devices, INDArray w) {
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(w, "w");
        if (!(devices instanceof Devices d)) {
            throw new IllegalArgumentException("device arrays of " + devices.getClass().getName()
                    + " were not drawn by the ag-asi device");
        }
        if (w.rank() != 2 || w.rows() != d.rows || w.columns() != d.columns) {
            throw new IllegalArgumentException("states of shape " + Arrays.toString(w.shape())
                    + " do not match the devices drawn for [" + d.rows + ", " + d.columns + "]");
        }
        return d;
    }

    private static INDArray counts(INDArray n, INDArray w, String what) {
        Objects.requireNonNull(n, what);
        if (!Arrays.equals(n.shape(), w.shape())) {
            throw new IllegalArgumentException(what + " pulse counts of shape " + Arrays.toString(n.shape())
                    + " do not match the states " + Arrays.toString(w.shape()));
        }
        INDArray d = n.castTo(DataType.DOUBLE);
        if (d.length() > 0 && d.minNumber().doubleValue() < 0) {
            throw new IllegalArgumentException(what + " pulse counts must be >= 0, found "
                    + d.minNumber().doubleValue());
        }
        if (d.length() > 0 && Transforms.abs(d.sub(Transforms.round(d, true)), false).maxNumber().doubleValue() > 0) {
            throw new IllegalArgumentException(what + " pulse counts must be whole numbers");
        }
        return d;
    }

    /**
     * Each device's shrink factors and asymptotes, {@code [rows, columns]} in double precision.
     */
    public static final class Devices implements DeviceArrays {
        private final long rows;
        private final long columns;
        private final INDArray qUp;
        private final INDArray targetUp;
        private final INDArray qDown;
        private final INDArray targetDown;

        private Devices(long rows, long columns, INDArray qUp, INDArray targetUp, INDArray qDown, INDArray targetDown) {
            this.rows = rows;
            this.columns = columns;
            this.qUp = qUp;
            this.targetUp = targetUp;
            this.qDown = qDown;
            this.targetDown = targetDown;
        }

        /** @return {@code q_up = exp(-1 / (a_up Pmax_up))} per device (a copy) */
        public INDArray shrinkUp() {
            return qUp.dup();
        }

        /** @return {@code q_down} per device (a copy) */
        public INDArray shrinkDown() {
            return qDown.dup();
        }
    }
}
