package org.dl4jmortal.analog.physics.pulsed;

import java.util.Map;
import java.util.Objects;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * PowStep, a shifted form of the Fusi &amp; Abbott (Nat. Neurosci. 10:485, 2007) synapse (aihwkit
 * {@code PowStepDevice}, {@code devices.py}; {@code update_once} in {@code rpu_powstep_device.cpp}): with the
 * device's range {@code R = wMax_ij - wMin_ij}, an up pulse moves it by
 * {@code stepUp_ij ((wMax_ij - w) / R)^gammaUp_ij (1 + dwMinStd xi)} and a down pulse by
 * {@code -stepDown_ij ((w - wMin_ij) / R)^gammaDown_ij (1 + dwMinStd xi)}, clipped after every pulse; the exponents
 * are drawn per device as {@link PowStepParameters} says. Note that at {@code w = 0} the step is not
 * {@code dwMin} (aihwkit says the same). Applied pulse by pulse ({@link IterativePulsedPhysics}). Immutable and
 * thread-safe.
 */
public final class PowStepPhysics extends IterativePulsedPhysics {
    /** Rule name. */
    public static final String RULE = "pow-step";
    /** Rule array: per-device exponent of the up step. */
    public static final String GAMMA_UP = "gammaUp";
    /** Rule array: per-device exponent of the down step. */
    public static final String GAMMA_DOWN = "gammaDown";
    /** Rule array: {@code 1 / (wMax_ij - wMin_ij)}. */
    public static final String INVERSE_RANGE = "inverseRange";

    private final PowStepParameters pow;

    /**
     * @param common shared parameters
     * @param pow    the PowStep parameters
     */
    public PowStepPhysics(PulsedParameters common, PowStepParameters pow) {
        super(common, RULE);
        this.pow = Objects.requireNonNull(pow, "pow");
    }

    /** @return the PowStep parameters */
    public PowStepParameters pow() {
        return pow;
    }

    @Override
    protected Map<String, INDArray> ruleArrays(PulsedDeviceArrays base, long key) {
        long[] shape = base.shape();
        var type = base.wMin().dataType();
        INDArray gain = PulsedDraw.gaussianOrZero(pow.powGammaDtod(), KeyedRandom.key(key, "pulsed/powGamma"), type,
                shape).addi(1.0);
        INDArray r = PulsedDraw.gaussianOrZero(pow.powUpDownDtod(), KeyedRandom.key(key, "pulsed/powUpDown"), type,
                shape);
        double upBias = Math.min(pow.powUpDown(), 0.0);
        double downBias = -Math.max(pow.powUpDown(), 0.0);
        INDArray gammaUp = Transforms.abs(gain.add(r).addi(upBias).muli(pow.powGamma()), false);
        INDArray gammaDown = Transforms.abs(gain.sub(r).addi(downBias).muli(pow.powGamma()), false);
        INDArray inverseRange = base.wMax().sub(base.wMin()).rdivi(1.0);
        return Map.of(GAMMA_UP, gammaUp, GAMMA_DOWN, gammaDown, INVERSE_RANGE, inverseRange);
    }

    /**
     * @param w  states
     * @param d  device arrays
     * @param up direction
     * @return the noise-free step magnitude of every device ({@code >= 0})
     */
    INDArray magnitude(INDArray w, PulsedDeviceArrays d, boolean up) {
        INDArray distance = up ? d.wMax().sub(w) : w.sub(d.wMin());
        INDArray base = Transforms.max(distance.muli(d.ruleArray(INVERSE_RANGE)), 0.0, false);
        INDArray factor = Transforms.pow(base, up ? d.ruleArray(GAMMA_UP) : d.ruleArray(GAMMA_DOWN), false);
        return factor.muli(up ? d.stepUp() : d.stepDown());
    }

    @Override
    protected INDArray noisyStep(INDArray w, PulsedDeviceArrays d, boolean up, INDArray active, long key) {
        INDArray mag = magnitude(w, d, up);
        double sigma = common().dwMinStd();
        if (sigma > 0) {
            mag.addi(activeNoise(mag.mul(sigma), active, key)); // mag (1 + sigma xi)
        }
        return up ? mag : mag.negi();
    }
}
