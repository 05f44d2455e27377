package org.dl4jmortal.analog.physics.pulsed;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ConstantStep (Gokmen &amp; Vlasov, Front. Neurosci. 10:333, 2016; aihwkit {@code ConstantStepDevice},
 * {@code rpu_constantstep_device.cpp}): every pulse moves a device by its own constant step,
 * {@code w <- clip(w + stepUp_ij (1 + dwMinStd xi))} up and {@code w <- clip(w - stepDown_ij (1 + dwMinStd xi))}
 * down, clipped to {@code [wMin_ij, wMax_ij]}. {@code n} pulses are applied in closed form
 * ({@link AffinePulseTrain} with slope 0): {@code w + n step + sqrt(n) dwMinStd step xi}, exact in law except that
 * clipping happens once after the train. Immutable and thread-safe.
 */
public final class ConstantStepPhysics extends AbstractPulsedPhysics {
    /** Rule name. */
    public static final String RULE = "constant-step";

    /**
     * @param common the shared parameters
     */
    public ConstantStepPhysics(PulsedParameters common) {
        super(common, RULE);
    }

    @Override
    protected INDArray potentiate(INDArray w, INDArray n, PulsedDeviceArrays d, long key) {
        return AffinePulseTrain.apply(w, n, d.stepUp(), null, 1.0, common().dwMinStd(), true, key);
    }

    @Override
    protected INDArray depress(INDArray w, INDArray n, PulsedDeviceArrays d, long key) {
        return AffinePulseTrain.apply(w, n, d.stepDown(), null, -1.0, common().dwMinStd(), true, key);
    }
}
