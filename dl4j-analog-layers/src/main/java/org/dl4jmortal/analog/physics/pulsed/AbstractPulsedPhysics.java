package org.dl4jmortal.analog.physics.pulsed;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What all pulsed rules share: the device-to-device draw of {@link PulsedDraw}, the checks of
 * {@link #applyPulses}, and the order of an update: all {@code up} pulses of the mini-batch, clip, then all
 * {@code down} pulses, clip. Applying the two trains one after the other instead of interleaved as they arrived
 * changes the result only at second order in the step ({@code O(dwMin^2)} per pair of opposite pulses, and not
 * at all for ConstantStep away from the bounds). Subclasses supply the two trains. Immutable and thread-safe.
 */
public abstract class AbstractPulsedPhysics implements PulsedDevicePhysics {
    private final PulsedParameters common;
    private final String rule;

    /**
     * @param common the shared parameters (already validated by their record)
     * @param rule   the rule's name, stored in the drawn arrays
     */
    protected AbstractPulsedPhysics(PulsedParameters common, String rule) {
        this.common = Objects.requireNonNull(common, "common");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** @return the shared parameters */
    public PulsedParameters common() {
        return common;
    }

    /** @return the rule's name */
    public String rule() {
        return rule;
    }

    /**
     * {@inheritDoc} The arrays are a {@link PulsedDeviceArrays} in ND4J's default floating-point type.
     *
     * @throws IllegalArgumentException if {@code rows} or {@code columns} is {@code < 1}
     */
    @Override
    public PulsedDeviceArrays drawDevices(long rows, long columns, long key) {
        PulsedDeviceArrays base = PulsedDraw.draw(common, rule, rows, columns, key,
                Nd4j.defaultFloatingPointType(), Map.of());
        Map<String, INDArray> extra = ruleArrays(base, key);
        return extra.isEmpty() ? base : new PulsedDeviceArrays(rule, base.wMin(), base.wMax(), base.stepUp(),
                base.stepDown(), extra);
    }

    /**
     * Draws or derives the rule's own per-device arrays.
     *
     * @param base the shared arrays just drawn
     * @param key  the chip's device key
     * @return name to array (shape {@code [rows, columns]}), empty by default
     */
    protected Map<String, INDArray> ruleArrays(PulsedDeviceArrays base, long key) {
        return Map.of();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the shapes differ, the device arrays were drawn by another rule or for
     *                                  another shape, or a count is negative
     * @throws NullPointerException     if an argument is null
     */
    @Override
    public INDArray applyPulses(INDArray w, INDArray up, INDArray down, DeviceArrays devices, long noiseKey) {
        PulsedDeviceArrays d = arrays(devices, w);
        INDArray nUp = counts(up, w, "up");
        INDArray nDown = counts(down, w, "down");
        INDArray out = nUp.maxNumber().doubleValue() > 0
                ? clipInPlace(potentiate(w, nUp, d, KeyedRandom.key(noiseKey, "pulsed/up")), d)
                : clipInPlace(w.dup(), d);
        if (nDown.maxNumber().doubleValue() > 0) {
            out = clipInPlace(depress(out, nDown, d, KeyedRandom.key(noiseKey, "pulsed/down")), d);
        }
        return out;
    }

    /**
     * {@inheritDoc} Here only the block's rows are touched: the rule runs on views of the block's rows of the
     * states and of the device arrays, with the block's own cycle-to-cycle noise.
     *
     * @throws IllegalArgumentException as {@link #applyPulses}, or if the block does not fit in {@code w}
     */
    @Override
    public INDArray applyPulsesToRows(INDArray w, long fromRow, INDArray up, INDArray down, DeviceArrays devices,
                                      long noiseKey) {
        PulsedDeviceArrays d = arrays(devices, w);
        long blockRows = up.rows();
        if (fromRow < 0 || blockRows < 1 || fromRow + blockRows > w.rows()) {
            throw new IllegalArgumentException("a block of " + blockRows + " rows from row " + fromRow
                    + " does not fit states of " + w.rows() + " rows");
        }
        INDArray states = w.get(NDArrayIndex.interval(fromRow, fromRow + blockRows), NDArrayIndex.all());
        return applyPulses(states, up, down, d.rows(fromRow, fromRow + blockRows), noiseKey);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the shapes differ or the arrays belong to another rule
     */
    @Override
    public INDArray clip(INDArray w, DeviceArrays devices) {
        return clipInPlace(w.dup(), arrays(devices, w));
    }

    /**
     * Applies {@code n} potentiating pulses (not clipped at the end; the caller clips).
     *
     * @param w   states {@code [rows, columns]}; must not be modified
     * @param n   counts, same shape and type, whole numbers {@code >= 0}
     * @param d   the device arrays in {@code w}'s type
     * @param key noise key of this train
     * @return new states
     */
    protected abstract INDArray potentiate(INDArray w, INDArray n, PulsedDeviceArrays d, long key);

    /**
     * Applies {@code n} depressing pulses (not clipped at the end; the caller clips).
     *
     * @param w   states {@code [rows, columns]}; must not be modified
     * @param n   counts, same shape and type, whole numbers {@code >= 0}
     * @param d   the device arrays in {@code w}'s type
     * @param key noise key of this train
     * @return new states
     */
    protected abstract INDArray depress(INDArray w, INDArray n, PulsedDeviceArrays d, long key);

    /**
     * @param w states, modified in place
     * @param d device arrays of {@code w}'s type and shape
     * @return {@code w}, clipped to each device's own {@code [wMin_ij, wMax_ij]}
     */
    protected static INDArray clipInPlace(INDArray w, PulsedDeviceArrays d) {
        Transforms.max(w, d.wMin(), false);
        Transforms.min(w, d.wMax(), false);
        return w;
    }

    @Override
    public double dwMin() {
        return common.dwMin();
    }

    @Override
    public double wMin() {
        return common.wMin();
    }

    @Override
    public double wMax() {
        return common.wMax();
    }

    private PulsedDeviceArrays arrays(DeviceArrays devices, INDArray w) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(devices, "devices");
        if (!(devices instanceof PulsedDeviceArrays d) || !d.rule().equals(rule)) {
            throw new IllegalArgumentException("device arrays " + describe(devices) + " were not drawn by the '" + rule
                    + "' rule; draw them with this rule's drawDevices");
        }
        if (!Arrays.equals(d.shape(), w.shape())) {
            throw new IllegalArgumentException("states have shape " + Arrays.toString(w.shape())
                    + " but the device arrays were drawn for " + Arrays.toString(d.shape()));
        }
        if (!w.dataType().isFPType()) {
            throw new IllegalArgumentException("states must be a floating-point array, got " + w.dataType());
        }
        return d.as(w.dataType());
    }

    private static INDArray counts(INDArray n, INDArray w, String name) {
        Objects.requireNonNull(n, name);
        if (!Arrays.equals(n.shape(), w.shape())) {
            throw new IllegalArgumentException(name + " pulse counts have shape " + Arrays.toString(n.shape())
                    + " but the states have " + Arrays.toString(w.shape()));
        }
        INDArray c = n.dataType() == w.dataType() ? n : n.castTo(w.dataType());
        double min = c.minNumber().doubleValue();
        if (!(min >= 0)) {
            throw new IllegalArgumentException(name + " pulse counts must be whole numbers >= 0, found " + min);
        }
        return c;
    }

    private static String describe(DeviceArrays devices) {
        return devices instanceof PulsedDeviceArrays d ? "of rule '" + d.rule() + "'" : devices.getClass().getName();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + common + "]";
    }
}
