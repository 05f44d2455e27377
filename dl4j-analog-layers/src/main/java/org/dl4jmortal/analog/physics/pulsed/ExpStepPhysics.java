package org.dl4jmortal.analog.physics.pulsed;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ExpStep (aihwkit {@code ExpStepDevice}, {@code devices.py}; {@code update_once} in {@code rpu_expstep_device.cpp}):
 * with {@code z = 2 a w / (wMax_ij - wMin_ij) + b}, an up pulse moves a device by
 * {@code y_up stepUp_ij (1 + dwMinStd xi)}, {@code y_up = max(1 - A_up exp(gamma_up z), 0)}, and a down pulse by
 * {@code -y_down stepDown_ij (1 + dwMinStd xi)}, {@code y_down = max(1 - A_down exp(-gamma_down z), 0)}; clipped to
 * the device's bounds after every pulse. With {@code dwMinStdAdd} or {@code dwMinStdSlope} non-zero the noise is
 * aihwkit's "complex" form: {@code dw + dwMinStd (|dw| + dwMinStdAdd + dwMinStdSlope |w|) xi}. Applied pulse by
 * pulse ({@link IterativePulsedPhysics}). Immutable and thread-safe.
 */
public final class ExpStepPhysics extends IterativePulsedPhysics {
    /** Rule name. */
    public static final String RULE = "exp-step";
    /** Rule array: {@code 2 a / (wMax_ij - wMin_ij)}. */
    public static final String Z_SCALE = "zScale";

    private final ExpStepParameters exp;

    /**
     * @param common shared parameters
     * @param exp    the ExpStep fitting parameters
     */
    public ExpStepPhysics(PulsedParameters common, ExpStepParameters exp) {
        super(common, RULE);
        this.exp = Objects.requireNonNull(exp, "exp");
    }

    /** @return the ExpStep parameters */
    public ExpStepParameters exp() {
        return exp;
    }

    @Override
    protected Map<String, INDArray> ruleArrays(PulsedDeviceArrays base, long key) {
        return Map.of(Z_SCALE, base.wMax().sub(base.wMin()).rdivi(2.0 * exp.slope()));
    }

    /**
     * @param w states
     * @param d device arrays
     * @param up direction
     * @return the noise-free step magnitude {@code y stepUp} or {@code y stepDown} of every device ({@code >= 0})
     */
    INDArray magnitude(INDArray w, PulsedDeviceArrays d, boolean up) {
        INDArray z = w.mul(d.ruleArray(Z_SCALE)).addi(exp.offset());
        INDArray y;
        if (up) {
            y = Transforms.exp(z.muli(exp.gammaUp()), false).muli(-exp.aUp()).addi(1.0);
        } else {
            y = Transforms.exp(z.muli(-exp.gammaDown()), false).muli(-exp.aDown()).addi(1.0);
        }
        return Transforms.max(y, 0.0, false).muli(up ? d.stepUp() : d.stepDown());
    }

    @Override
    protected INDArray noisyStep(INDArray w, PulsedDeviceArrays d, boolean up, INDArray active, long key) {
        INDArray mag = magnitude(w, d, up);
        double sigma = common().dwMinStd();
        double sign = up ? 1.0 : -1.0;
        if (sigma == 0) {
            return mag.muli(sign);
        }
        if (exp.complexNoise()) {
            INDArray std = Transforms.abs(w, true).muli(exp.dwMinStdSlope()).addi(mag).addi(exp.dwMinStdAdd())
                    .muli(sigma);
            return mag.muli(sign).addi(activeNoise(std, active, key));
        }
        // mag (1 + sigma xi) sign
        return mag.addi(activeNoise(mag.mul(sigma), active, key)).muli(sign);
    }
}
