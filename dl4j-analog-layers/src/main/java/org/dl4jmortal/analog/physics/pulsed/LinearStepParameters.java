package org.dl4jmortal.analog.physics.pulsed;

/**
 * The parameters of the LinearStep rule (aihwkit {@code LinearStepDevice}, {@code rpu_linearstep_device.cpp}).
 * The relative decrease of the step at the bound is {@code |gammaUp + gammaUpDtod xi|} per device (magnitude
 * taken, aihwkit's {@code allow_increasing = false}); the slope of the up step is that divided by the upper
 * reference bound, so the up step is {@code stepUp_ij (1 - gamma_ij w / wRefUp)}, and likewise down with
 * {@code wRefDown < 0}: {@code stepDown_ij (1 - gamma_ij w / wRefDown)}. Steps shrink towards each bound.
 *
 * @param gammaUp             relative decrease of the up step at the upper bound (aihwkit {@code gamma_up}, default 0)
 * @param gammaDown           relative decrease of the down step at the lower bound (aihwkit {@code gamma_down}, default 0)
 * @param gammaUpDtod         device-to-device std of {@code gammaUp}, absolute (aihwkit default 0.05), {@code >= 0}
 * @param gammaDownDtod       device-to-device std of {@code gammaDown}, absolute (aihwkit default 0.05), {@code >= 0}
 * @param meanBoundReference  true: reference bounds are the mean {@code wMax}/{@code wMin} (aihwkit
 *                            {@code mean_bound_reference = true}, LinearStep default); false: each device's own
 *                            bounds (SoftBounds)
 * @param multiplicativeNoise true: cycle-to-cycle noise multiplies the whole step (aihwkit {@code mult_noise},
 *                            default); false: additive noise {@code dwMinStd stepUp_ij xi}
 */
public record LinearStepParameters(double gammaUp, double gammaDown, double gammaUpDtod, double gammaDownDtod,
                                   boolean meanBoundReference, boolean multiplicativeNoise) {

    /**
     * @throws IllegalArgumentException if a value is NaN or infinite or a spread is negative
     */
    public LinearStepParameters {
        PulsedParameters.finite("gammaUp", gammaUp);
        PulsedParameters.finite("gammaDown", gammaDown);
        PulsedParameters.nonNegative("gammaUpDtod", gammaUpDtod);
        PulsedParameters.nonNegative("gammaDownDtod", gammaDownDtod);
    }

    /**
     * @param multiplicativeNoise the noise kind
     * @return soft bounds: gamma 1 in both directions, no spread of gamma, each device's own bounds as reference
     * (aihwkit {@code SoftBoundsRPUDeviceMetaParameter})
     */
    public static LinearStepParameters softBounds(boolean multiplicativeNoise) {
        return new LinearStepParameters(1.0, 1.0, 0.0, 0.0, false, multiplicativeNoise);
    }
}
