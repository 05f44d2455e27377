package org.dl4jmortal.analog.device;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dl4jmortal.analog.physics.pulsed.ExpStepParameters;
import org.dl4jmortal.analog.physics.pulsed.LinearStepParameters;
import org.dl4jmortal.analog.physics.pulsed.PowStepParameters;
import org.dl4jmortal.analog.physics.pulsed.PulsedParameters;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.ParameterSpec;

/**
 * Names, ranges and aihwkit defaults of the pulsed-device parameters (DESIGN.md §3; aihwkit v1.1.0
 * {@code src/aihwkit/simulator/configs/devices.py}), and their conversion into the physics' value objects. None
 * of the names clashes with the periphery's ({@code PeripheryConfig}). The bit length of the pulse trains is not
 * a device parameter (it belongs to the update settings).
 */
public final class PulsedParameterSpecs {
    /** Mean minimal step per pulse (aihwkit {@code dw_min}). */
    public static final String DW_MIN = "dwMin";
    /** Device-to-device relative std of the step ({@code dw_min_dtod}). */
    public static final String DW_MIN_DTOD = "dwMinDtod";
    /** Cycle-to-cycle relative std of each step ({@code dw_min_std}). */
    public static final String DW_MIN_STD = "dwMinStd";
    /** Mean lower bound ({@code w_min}). */
    public static final String W_MIN = "wMin";
    /** Mean upper bound ({@code w_max}). */
    public static final String W_MAX = "wMax";
    /** Device-to-device relative std of the lower bound ({@code w_min_dtod}). */
    public static final String W_MIN_DTOD = "wMinDtod";
    /** Device-to-device relative std of the upper bound ({@code w_max_dtod}). */
    public static final String W_MAX_DTOD = "wMaxDtod";
    /** Up/down asymmetry ({@code up_down}). */
    public static final String UP_DOWN = "upDown";
    /** Device-to-device std of the asymmetry ({@code up_down_dtod}). */
    public static final String UP_DOWN_DTOD = "upDownDtod";
    /** LinearStep: relative step decrease at the upper bound ({@code gamma_up}). */
    public static final String GAMMA_UP = "gammaUp";
    /** LinearStep: relative step decrease at the lower bound ({@code gamma_down}). */
    public static final String GAMMA_DOWN = "gammaDown";
    /** LinearStep: device-to-device std of gammaUp ({@code gamma_up_dtod}). */
    public static final String GAMMA_UP_DTOD = "gammaUpDtod";
    /** LinearStep: device-to-device std of gammaDown ({@code gamma_down_dtod}). */
    public static final String GAMMA_DOWN_DTOD = "gammaDownDtod";
    /** LinearStep: 1 = slopes refer to the mean bounds ({@code mean_bound_reference}). */
    public static final String MEAN_BOUND_REFERENCE = "meanBoundReference";
    /** LinearStep, SoftBounds: 1 = multiplicative cycle-to-cycle noise ({@code mult_noise}). */
    public static final String MULTIPLICATIVE_NOISE = "multiplicativeNoise";
    /** ExpStep: {@code A_up}. */
    public static final String EXP_A_UP = "expAUp";
    /** ExpStep: {@code A_down}. */
    public static final String EXP_A_DOWN = "expADown";
    /** ExpStep: {@code gamma_up}. */
    public static final String EXP_GAMMA_UP = "expGammaUp";
    /** ExpStep: {@code gamma_down}. */
    public static final String EXP_GAMMA_DOWN = "expGammaDown";
    /** ExpStep: global slope {@code a}. */
    public static final String EXP_SLOPE = "expSlope";
    /** ExpStep: global offset {@code b}. */
    public static final String EXP_OFFSET = "expOffset";
    /** ExpStep: additive step noise ({@code dw_min_std_add}). */
    public static final String DW_MIN_STD_ADD = "dwMinStdAdd";
    /** ExpStep: state-proportional step noise ({@code dw_min_std_slope}). */
    public static final String DW_MIN_STD_SLOPE = "dwMinStdSlope";
    /** PowStep: exponent ({@code pow_gamma}). */
    public static final String POW_GAMMA = "powGamma";
    /** PowStep: device-to-device relative std of the exponent ({@code pow_gamma_dtod}). */
    public static final String POW_GAMMA_DTOD = "powGammaDtod";
    /** PowStep: up/down bias of the exponent ({@code pow_up_down}). */
    public static final String POW_UP_DOWN = "powUpDown";
    /** PowStep: device-to-device std of that bias ({@code pow_up_down_dtod}). */
    public static final String POW_UP_DOWN_DTOD = "powUpDownDtod";

    private static final double BIG = 1e3;

    private PulsedParameterSpecs() {
    }

    /** @return the parameters every pulsed device has, with aihwkit's {@code PulsedDevice} defaults */
    public static List<ParameterSpec> common() {
        return List.of(
                new ParameterSpec(DW_MIN, 0.001, 1e-9, 10.0, "device units per pulse",
                        "mean minimal step per pulse, > 0 (aihwkit PulsedDevice.dw_min = 0.001)"),
                new ParameterSpec(DW_MIN_DTOD, 0.3, 0.0, 10.0, "relative std",
                        "device-to-device spread: step gain 1 + dwMinDtod xi (aihwkit dw_min_dtod = 0.3)"),
                new ParameterSpec(DW_MIN_STD, 0.3, 0.0, 100.0, "relative std",
                        "cycle-to-cycle noise of every pulse: step (1 + dwMinStd xi) (aihwkit dw_min_std = 0.3)"),
                new ParameterSpec(W_MIN, -0.6, -BIG, BIG, "device units",
                        "mean lower bound, < 0 < wMax (aihwkit w_min = -0.6)"),
                new ParameterSpec(W_MAX, 0.6, -BIG, BIG, "device units",
                        "mean upper bound, > 0 > wMin (aihwkit w_max = 0.6)"),
                new ParameterSpec(W_MIN_DTOD, 0.3, 0.0, 10.0, "relative std",
                        "device-to-device spread of the lower bound: wMin (1 + wMinDtod xi) (aihwkit w_min_dtod = 0.3)"),
                new ParameterSpec(W_MAX_DTOD, 0.3, 0.0, 10.0, "relative std",
                        "device-to-device spread of the upper bound: wMax (1 + wMaxDtod xi) (aihwkit w_max_dtod = 0.3)"),
                new ParameterSpec(UP_DOWN, 0.0, -1.0, 1.0, "1",
                        "up/down asymmetry, |upDown| < 1: > 0 shortens down steps to dwMin (1 - upDown), < 0 shortens"
                                + " up steps (aihwkit up_down = 0, C++ PulsedRPUDevice::populate)"),
                new ParameterSpec(UP_DOWN_DTOD, 0.01, 0.0, 10.0, "units of dwMin",
                        "device-to-device spread of the asymmetry (aihwkit up_down_dtod = 0.01)"));
    }

    /** @return the LinearStep parameters with aihwkit's {@code LinearStepDevice} defaults */
    public static List<ParameterSpec> linearStep() {
        return List.of(
                new ParameterSpec(GAMMA_UP, 0.0, -BIG, BIG, "1",
                        "relative decrease of the up step at wMax; slope -|gammaUp|/wMax (aihwkit gamma_up = 0)"),
                new ParameterSpec(GAMMA_DOWN, 0.0, -BIG, BIG, "1",
                        "relative decrease of the down step at wMin; slope -|gammaDown|/wMin (aihwkit gamma_down = 0)"),
                new ParameterSpec(GAMMA_UP_DTOD, 0.05, 0.0, BIG, "absolute std",
                        "device-to-device spread of gammaUp (aihwkit gamma_up_dtod = 0.05)"),
                new ParameterSpec(GAMMA_DOWN_DTOD, 0.05, 0.0, BIG, "absolute std",
                        "device-to-device spread of gammaDown (aihwkit gamma_down_dtod = 0.05)"),
                new ParameterSpec(MEAN_BOUND_REFERENCE, 1, 0, 1, "switch",
                        "1 = slopes refer to the mean wMax/wMin, 0 = to each device's bounds (aihwkit mean_bound_reference = True)"),
                multiplicativeNoise());
    }

    /** @return the SoftBounds parameter beyond the common ones */
    public static List<ParameterSpec> softBounds() {
        return List.of(multiplicativeNoise());
    }

    /** @return the ExpStep parameters with aihwkit's {@code ExpStepDevice} defaults */
    public static List<ParameterSpec> expStep() {
        ExpStepParameters d = ExpStepParameters.defaults();
        return List.of(
                new ParameterSpec(EXP_A_UP, d.aUp(), -BIG, BIG, "1", "A_up of y_up = 1 - A_up exp(gamma_up z) (aihwkit A_up = 0.00081)"),
                new ParameterSpec(EXP_A_DOWN, d.aDown(), -BIG, BIG, "1", "A_down of y_down = 1 - A_down exp(-gamma_down z) (aihwkit A_down = 0.36833)"),
                new ParameterSpec(EXP_GAMMA_UP, d.gammaUp(), -BIG, BIG, "1", "gamma_up (aihwkit 12.44625)"),
                new ParameterSpec(EXP_GAMMA_DOWN, d.gammaDown(), -BIG, BIG, "1", "gamma_down (aihwkit 12.78785)"),
                new ParameterSpec(EXP_SLOPE, d.slope(), -BIG, BIG, "1", "a of z = 2 a w / (wMax_ij - wMin_ij) + b (aihwkit a = 0.244)"),
                new ParameterSpec(EXP_OFFSET, d.offset(), -BIG, BIG, "1", "b of z (aihwkit b = 0.2425)"),
                new ParameterSpec(DW_MIN_STD_ADD, d.dwMinStdAdd(), 0.0, BIG, "device units",
                        "additive part of the step noise dwMinStd (|dw| + dwMinStdAdd + dwMinStdSlope |w|) (aihwkit dw_min_std_add = 0)"),
                new ParameterSpec(DW_MIN_STD_SLOPE, d.dwMinStdSlope(), 0.0, BIG, "1",
                        "state-proportional part of the step noise (aihwkit dw_min_std_slope = 0)"));
    }

    /** @return the PowStep parameters with aihwkit's {@code PowStepDevice} defaults */
    public static List<ParameterSpec> powStep() {
        return List.of(
                new ParameterSpec(POW_GAMMA, 1.0, 0.0, 100.0, "1", "exponent gamma of the relative distance to the bound (aihwkit pow_gamma = 1)"),
                new ParameterSpec(POW_GAMMA_DTOD, 0.1, 0.0, 10.0, "relative std", "device-to-device spread of gamma (aihwkit pow_gamma_dtod = 0.1)"),
                new ParameterSpec(POW_UP_DOWN, 0.0, -1.0, 1.0, "1", "up/down bias of gamma (aihwkit pow_up_down = 0)"),
                new ParameterSpec(POW_UP_DOWN_DTOD, 0.0, 0.0, 10.0, "units of powGamma", "device-to-device spread of that bias (aihwkit pow_up_down_dtod = 0)"));
    }

    /**
     * @param specs     specs with library defaults
     * @param overrides new defaults by name (a preset's published values); every name must be among the specs
     * @return the specs with those defaults, descriptions marked with {@code source}
     * @throws IllegalArgumentException if a name is unknown or a value outside its range
     */
    public static ParameterSet withDefaults(List<ParameterSpec> specs, Map<String, Double> overrides, String source) {
        Set<String> known = new LinkedHashSet<>();
        specs.forEach(s -> known.add(s.name()));
        for (String name : overrides.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("preset default for unknown parameter '" + name + "'; known: " + known);
            }
        }
        List<ParameterSpec> out = new ArrayList<>();
        for (ParameterSpec s : specs) {
            Double v = overrides.get(s.name());
            out.add(v == null ? s : new ParameterSpec(s.name(), s.check(v), s.min(), s.max(), s.unit(),
                    s.description() + "; preset " + v + " (" + source + ")"));
        }
        return ParameterSet.ofDefaults(out);
    }

    /**
     * @param p a device's parameters
     * @return the shared pulsed parameters
     * @throws IllegalArgumentException if a name is missing or a value is not allowed (see {@link PulsedParameters})
     */
    public static PulsedParameters pulsed(ParameterSet p) {
        return new PulsedParameters(p.get(DW_MIN), p.get(DW_MIN_DTOD), p.get(DW_MIN_STD), p.get(W_MIN), p.get(W_MAX),
                p.get(W_MIN_DTOD), p.get(W_MAX_DTOD), p.get(UP_DOWN), p.get(UP_DOWN_DTOD));
    }

    /**
     * @param p a LinearStep device's parameters
     * @return the LinearStep parameters
     * @throws IllegalArgumentException if a name is missing or a value is not allowed
     */
    public static LinearStepParameters linear(ParameterSet p) {
        return new LinearStepParameters(p.get(GAMMA_UP), p.get(GAMMA_DOWN), p.get(GAMMA_UP_DTOD),
                p.get(GAMMA_DOWN_DTOD), p.isOn(MEAN_BOUND_REFERENCE), p.isOn(MULTIPLICATIVE_NOISE));
    }

    /**
     * @param p an ExpStep device's parameters
     * @return the ExpStep parameters
     * @throws IllegalArgumentException if a name is missing or a value is not allowed
     */
    public static ExpStepParameters exp(ParameterSet p) {
        return new ExpStepParameters(p.get(EXP_A_UP), p.get(EXP_A_DOWN), p.get(EXP_GAMMA_UP), p.get(EXP_GAMMA_DOWN),
                p.get(EXP_SLOPE), p.get(EXP_OFFSET), p.get(DW_MIN_STD_ADD), p.get(DW_MIN_STD_SLOPE));
    }

    /**
     * @param p a PowStep device's parameters
     * @return the PowStep parameters
     * @throws IllegalArgumentException if a name is missing or a value is not allowed
     */
    public static PowStepParameters pow(ParameterSet p) {
        return new PowStepParameters(p.get(POW_GAMMA), p.get(POW_GAMMA_DTOD), p.get(POW_UP_DOWN),
                p.get(POW_UP_DOWN_DTOD));
    }

    private static ParameterSpec multiplicativeNoise() {
        return new ParameterSpec(MULTIPLICATIVE_NOISE, 1, 0, 1, "switch",
                "1 = noise multiplies the whole step (w + step (1 + dwMinStd xi)), 0 = additive dwMinStd stepScale xi"
                        + " (aihwkit mult_noise = True)");
    }
}
