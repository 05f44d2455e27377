package org.dl4jmortal.analog.physics.pulsed;

/**
 * The tile-wide fitting parameters of the ExpStep rule (aihwkit {@code ExpStepDevice}, {@code devices.py}, and
 * {@code rpu_expstep_device.cpp}); none has device-to-device variation.
 *
 * @param aUp           factor {@code A_up} (aihwkit default 0.00081)
 * @param aDown         factor {@code A_down} (aihwkit default 0.36833)
 * @param gammaUp       exponent {@code gamma_up} (aihwkit default 12.44625)
 * @param gammaDown     exponent {@code gamma_down} (aihwkit default 12.78785)
 * @param slope         global slope {@code a} of {@code z} (aihwkit default 0.244)
 * @param offset        global offset {@code b} of {@code z} (aihwkit default 0.2425)
 * @param dwMinStdAdd   additive part of the step noise (device units; aihwkit {@code dw_min_std_add}, default 0)
 * @param dwMinStdSlope part of the step noise proportional to {@code |w|} (aihwkit {@code dw_min_std_slope}, default 0)
 */
public record ExpStepParameters(double aUp, double aDown, double gammaUp, double gammaDown, double slope,
                                double offset, double dwMinStdAdd, double dwMinStdSlope) {

    /**
     * @throws IllegalArgumentException if a value is NaN or infinite, or a noise part is negative
     */
    public ExpStepParameters {
        PulsedParameters.finite("expAUp", aUp);
        PulsedParameters.finite("expADown", aDown);
        PulsedParameters.finite("expGammaUp", gammaUp);
        PulsedParameters.finite("expGammaDown", gammaDown);
        PulsedParameters.finite("expSlope", slope);
        PulsedParameters.finite("expOffset", offset);
        PulsedParameters.nonNegative("dwMinStdAdd", dwMinStdAdd);
        PulsedParameters.nonNegative("dwMinStdSlope", dwMinStdSlope);
    }

    /** @return aihwkit's {@code ExpStepDevice} defaults */
    public static ExpStepParameters defaults() {
        return new ExpStepParameters(0.00081, 0.36833, 12.44625, 12.78785, 0.244, 0.2425, 0.0, 0.0);
    }

    /** @return true if the noise has an additive or a state-proportional part (aihwkit's "complex noise") */
    public boolean complexNoise() {
        return dwMinStdAdd > 0 || dwMinStdSlope > 0;
    }
}
