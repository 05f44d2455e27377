package org.dl4jmortal.analog.physics.pulsed;

/**
 * The parameters of the PowStep rule (aihwkit {@code PowStepDevice}, {@code devices.py}; population in
 * {@code rpu_powstep_device.cpp}): per device {@code gain = 1 + powGammaDtod xi}, {@code r = powUpDownDtod xi'},
 * {@code gammaUp_ij = |powGamma (gain + min(powUpDown, 0) + r)|},
 * {@code gammaDown_ij = |powGamma (gain - max(powUpDown, 0) - r)|}.
 *
 * @param powGamma      exponent {@code gamma} (aihwkit {@code pow_gamma}, default 1), {@code >= 0}
 * @param powGammaDtod  device-to-device relative std of the exponent (aihwkit default 0.1), {@code >= 0}
 * @param powUpDown     up/down bias of the exponent (aihwkit default 0)
 * @param powUpDownDtod device-to-device std of that bias, in units of {@code powGamma} (aihwkit default 0), {@code >= 0}
 */
public record PowStepParameters(double powGamma, double powGammaDtod, double powUpDown, double powUpDownDtod) {

    /**
     * @throws IllegalArgumentException if a value is NaN or infinite, or {@code powGamma} or a spread is negative
     */
    public PowStepParameters {
        PulsedParameters.nonNegative("powGamma", powGamma);
        PulsedParameters.nonNegative("powGammaDtod", powGammaDtod);
        PulsedParameters.finite("powUpDown", powUpDown);
        PulsedParameters.nonNegative("powUpDownDtod", powUpDownDtod);
    }

    /** @return aihwkit's {@code PowStepDevice} defaults: 1, 0.1, 0, 0 */
    public static PowStepParameters defaults() {
        return new PowStepParameters(1.0, 0.1, 0.0, 0.0);
    }
}
