package org.dl4jmortal.analog.physics.pulsed;

import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of rules without a closed form for {@code n} pulses (ExpStep, PowStep): the trains are applied pulse by
 * pulse in rounds {@code r = 1 .. max(n)}, vectorised over all devices, a device taking part in round {@code r}
 * if its count is at least {@code r}; each round draws its own cycle-to-cycle noise (key: train key and round)
 * and clips to the device's bounds, exactly as aihwkit's per-pulse {@code update_once}. The cost grows with the
 * largest count of the mini-batch, which bit-length management keeps small.
 */
public abstract class IterativePulsedPhysics extends AbstractPulsedPhysics {

    /**
     * @param common shared parameters
     * @param rule   rule name
     */
    protected IterativePulsedPhysics(PulsedParameters common, String rule) {
        super(common, rule);
    }

    @Override
    protected final INDArray potentiate(INDArray w, INDArray n, PulsedDeviceArrays d, long key) {
        return rounds(w, n, d, true, key);
    }

    @Override
    protected final INDArray depress(INDArray w, INDArray n, PulsedDeviceArrays d, long key) {
        return rounds(w, n, d, false, key);
    }

    /**
     * One pulse on every device, with its cycle-to-cycle noise.
     *
     * @param w   present states {@code [rows, columns]}, not to be modified
     * @param d   device arrays in {@code w}'s type
     * @param up     true for a potentiating pulse
     * @param active 1 for the devices that take part in this round, 0 for the others ({@code [rows, columns]});
     *               null when all take part. Noise needs to be drawn only for active devices: the caller zeroes
     *               the change of the others
     * @param key    noise key of this round
     * @return the signed change of every device (positive for up, negative for down, up to noise)
     */
    protected abstract INDArray noisyStep(INDArray w, PulsedDeviceArrays d, boolean up, INDArray active, long key);

    /**
     * @param std    noise standard deviation of every device
     * @param active as in {@link #noisyStep}, or null
     * @param key    noise key of this round
     * @return {@code std ⊙ xi} on the active devices, 0 elsewhere ({@link CycleToCycleNoise})
     */
    protected static INDArray activeNoise(INDArray std, INDArray active, long key) {
        return CycleToCycleNoise.scaled(active == null ? std : std.mul(active), key);
    }

    private INDArray rounds(INDArray w, INDArray n, PulsedDeviceArrays d, boolean up, long key) {
        long max = Math.round(n.maxNumber().doubleValue());
        long all = Math.round(n.minNumber().doubleValue());
        INDArray cur = w.dup();
        for (long r = 1; r <= max; r++) {
            INDArray active = r > all ? n.gt(r - 0.5).castTo(w.dataType()) : null;
            INDArray dw = noisyStep(cur, d, up, active, KeyedRandom.key(key, r));
            if (active != null) {
                dw.muli(active);
            }
            cur.addi(dw);
            clipInPlace(cur, d);
        }
        return cur;
    }
}
