package org.dl4jmortal.analog.physics.pulsed;

import java.util.Map;
import java.util.Objects;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * LinearStep and SoftBounds (DESIGN.md §3; aihwkit {@code LinearStepDevice} and {@code SoftBoundsDevice},
 * {@code rpu_linearstep_device.cpp}). Per device, {@code slopeUp_ij = -g_up stepUp_ij / wRefUp} and
 * {@code slopeDown_ij = -g_down stepDown_ij / wRefDown} with {@code g = |gamma + gammaDtod xi|} and the reference
 * bounds of {@link LinearStepParameters}. One up pulse: {@code w <- w + (stepUp + slopeUp w)(1 + dwMinStd xi)};
 * one down pulse: {@code w <- w - (stepDown + slopeDown w)(1 + dwMinStd xi)} (multiplicative noise; additive:
 * noise {@code dwMinStd step xi}); then clipped to {@code [wMin_ij, wMax_ij]}. With gamma = 1 and each device's
 * own bounds this is SoftBounds: up step {@code stepUp (1 - w / wMax_ij)}, down {@code stepDown (1 - w / wMin_ij)}.
 * {@code n} pulses are applied in the geometric closed form of {@link AffinePulseTrain} (see there for the noise
 * approximation). Immutable and thread-safe.
 */
public final class LinearStepPhysics extends AbstractPulsedPhysics {
    /** Rule arrays. */
    public static final String SLOPE_UP = "slopeUp";
    /** Rule arrays. */
    public static final String SLOPE_DOWN = "slopeDown";

    private final LinearStepParameters linear;

    /**
     * @param common the shared parameters
     * @param linear the LinearStep parameters
     * @param rule   the rule's name ({@code "linear-step"} or {@code "soft-bounds"})
     */
    public LinearStepPhysics(PulsedParameters common, LinearStepParameters linear, String rule) {
        super(common, rule);
        this.linear = Objects.requireNonNull(linear, "linear");
    }

    /** @return the LinearStep parameters */
    public LinearStepParameters linear() {
        return linear;
    }

    @Override
    protected Map<String, INDArray> ruleArrays(PulsedDeviceArrays base, long key) {
        long[] shape = base.shape();
        INDArray gUp = Transforms.abs(PulsedDraw.gaussianOrZero(linear.gammaUpDtod(),
                KeyedRandom.key(key, "pulsed/gammaUp"), base.wMin().dataType(), shape).addi(linear.gammaUp()), false);
        INDArray gDown = Transforms.abs(PulsedDraw.gaussianOrZero(linear.gammaDownDtod(),
                KeyedRandom.key(key, "pulsed/gammaDown"), base.wMin().dataType(), shape).addi(linear.gammaDown()),
                false);
        INDArray slopeUp;
        INDArray slopeDown;
        if (linear.meanBoundReference()) {
            slopeUp = gUp.muli(base.stepUp()).divi(-common().wMax());
            slopeDown = gDown.muli(base.stepDown()).divi(-common().wMin());
        } else {
            slopeUp = gUp.muli(base.stepUp()).divi(base.wMax()).negi();
            slopeDown = gDown.muli(base.stepDown()).divi(base.wMin()).negi();
        }
        return Map.of(SLOPE_UP, slopeUp, SLOPE_DOWN, slopeDown);
    }

    @Override
    protected INDArray potentiate(INDArray w, INDArray n, PulsedDeviceArrays d, long key) {
        return AffinePulseTrain.apply(w, n, d.stepUp(), d.ruleArray(SLOPE_UP), 1.0, common().dwMinStd(),
                linear.multiplicativeNoise(), key);
    }

    @Override
    protected INDArray depress(INDArray w, INDArray n, PulsedDeviceArrays d, long key) {
        return AffinePulseTrain.apply(w, n, d.stepDown(), d.ruleArray(SLOPE_DOWN), -1.0, common().dwMinStd(),
                linear.multiplicativeNoise(), key);
    }
}
