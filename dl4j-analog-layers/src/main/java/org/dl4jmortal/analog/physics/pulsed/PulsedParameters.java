package org.dl4jmortal.analog.physics.pulsed;

/**
 * The parameters every pulsed device shares (DESIGN.md §3 "Mortal in-place updates"), after aihwkit's
 * {@code PulsedDevice} (aihwkit v1.1.0, {@code src/aihwkit/simulator/configs/devices.py}) and its C++ population
 * {@code PulsedRPUDevice::populate} ({@code src/rpucuda/rpu_pulsed_device.cpp}). All values are in device units
 * (the weight-like state {@code w}); spreads are relative standard deviations (dimensionless).
 *
 * @param dwMin      mean minimal step per pulse (device units), finite and {@code > 0}
 * @param dwMinDtod  device-to-device relative std of the step, finite and {@code >= 0}
 * @param dwMinStd   cycle-to-cycle relative std of each pulse's step, finite and {@code >= 0}
 * @param wMin       mean lower bound (device units), finite and {@code < 0}
 * @param wMax       mean upper bound (device units), finite and {@code > 0}
 * @param wMinDtod   device-to-device relative std of the lower bound, finite and {@code >= 0}
 * @param wMaxDtod   device-to-device relative std of the upper bound, finite and {@code >= 0}
 * @param upDown     systematic up/down asymmetry {@code beta}, {@code |upDown| < 1}
 * @param upDownDtod device-to-device std of the asymmetry, in units of {@code dwMin}, finite and {@code >= 0}
 */
public record PulsedParameters(double dwMin, double dwMinDtod, double dwMinStd, double wMin, double wMax,
                               double wMinDtod, double wMaxDtod, double upDown, double upDownDtod) {

    /**
     * @throws IllegalArgumentException if {@code dwMin <= 0}; if {@code wMin >= wMax}; if the interval
     *                                  {@code [wMin, wMax]} does not strictly contain 0; if {@code |upDown| >= 1};
     *                                  if a spread is negative; or if a value is NaN or infinite. The message names
     *                                  the parameter, its value and what is allowed.
     */
    public PulsedParameters {
        finite("dwMin", dwMin);
        if (!(dwMin > 0)) {
            throw new IllegalArgumentException("dwMin=" + dwMin + " is not allowed: the minimal step per pulse must be > 0"
                    + " (device units; aihwkit dw_min, default 0.001)");
        }
        finite("wMin", wMin);
        finite("wMax", wMax);
        if (!(wMin < wMax)) {
            throw new IllegalArgumentException("wMin=" + wMin + " >= wMax=" + wMax
                    + " is not allowed: the lower bound must be smaller than the upper bound (defaults -0.6 and 0.6)");
        }
        if (!(wMin < 0 && wMax > 0)) {
            throw new IllegalArgumentException("[wMin, wMax] = [" + wMin + ", " + wMax
                    + "] is not allowed: a bipolar pulsed device needs wMin < 0 < wMax (aihwkit requires the interval to"
                    + " contain 0; unidirectional devices such as aihwkit's PCMPresetDevice are not modelled)");
        }
        finite("upDown", upDown);
        if (!(Math.abs(upDown) < 1)) {
            throw new IllegalArgumentException("upDown=" + upDown + " is not allowed: the up/down asymmetry must satisfy"
                    + " |upDown| < 1 (at |upDown| >= 1 one direction has no mean step)");
        }
        nonNegative("dwMinDtod", dwMinDtod);
        nonNegative("dwMinStd", dwMinStd);
        nonNegative("wMinDtod", wMinDtod);
        nonNegative("wMaxDtod", wMaxDtod);
        nonNegative("upDownDtod", upDownDtod);
    }

    /**
     * @return aihwkit's {@code PulsedDevice} defaults: dwMin 0.001, dwMinDtod 0.3, dwMinStd 0.3, wMin -0.6, wMax 0.6,
     * wMinDtod 0.3, wMaxDtod 0.3, upDown 0, upDownDtod 0.01
     */
    public static PulsedParameters defaults() {
        return new PulsedParameters(0.001, 0.3, 0.3, -0.6, 0.6, 0.3, 0.3, 0.0, 0.01);
    }

    /**
     * @param dwMinStd new cycle-to-cycle relative std
     * @return a copy with that value
     * @throws IllegalArgumentException as the constructor
     */
    public PulsedParameters withDwMinStd(double dwMinStd) {
        return new PulsedParameters(dwMin, dwMinDtod, dwMinStd, wMin, wMax, wMinDtod, wMaxDtod, upDown, upDownDtod);
    }

    /**
     * @return a copy without any device-to-device spread (dwMinDtod, wMinDtod, wMaxDtod, upDownDtod all 0)
     */
    public PulsedParameters withoutDeviceToDevice() {
        return new PulsedParameters(dwMin, 0, dwMinStd, wMin, wMax, 0, 0, upDown, 0);
    }

    static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + "=" + v + " is not allowed: " + name + " must be finite");
        }
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + "=" + v + " is not allowed: " + name
                    + " must be finite and >= 0 (a relative standard deviation)");
        }
    }
}
