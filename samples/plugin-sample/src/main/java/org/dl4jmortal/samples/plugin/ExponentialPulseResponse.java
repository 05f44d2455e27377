package org.dl4jmortal.samples.plugin;

/**
 * NeuroSim's behavioural model of a nonlinear pulse response (Chen, Peng &amp; Yu, "NeuroSim: A Circuit-Level Macro
 * Model for Benchmarking Neuro-Inspired Architectures in Online Learning", IEEE TCAD 37(12):3067, 2018, eqs. 8-10),
 * as pure functions in normalised units {@code u = (G - Gmin) / (Gmax - Gmin)} in {@code [0, 1]}:
 * <pre>
 *   potentiation, eq. (8):  G(P) = B (1 - exp(-P / A)) + Gmin
 *   depression,   eq. (9):  G(P) = -B (1 - exp((P - Pmax) / A)) + Gmax
 *                 eq. (10): B = (Gmax - Gmin) / (1 - exp(-Pmax / A))
 * </pre>
 * with {@code P} the pulse number ({@code 0 .. Pmax}) and {@code A} the nonlinearity. Written with the normalised
 * nonlinearity {@code a = A / Pmax} (the quantity NeuroSim tabulates against its nonlinearity label), one pulse is an
 * affine map of the state: a potentiating pulse moves {@code u} towards the asymptote {@code 1 + c_up},
 * <pre>  u' = (1 + c) - (1 + c - u) q,   q = exp(-1 / (a Pmax)),   c = 1 / (exp(1 / a) - 1)</pre>
 * and a depressing pulse towards {@code -c_down}: {@code u' = -c + (u + c) q}. So {@code n} pulses have the closed form
 * {@code (1 + c) - (1 + c - u) q^n} (resp. {@code -c + (u + c) q^n}), exactly what eq. (8) (resp. (9)) gives when the
 * pulse number advances by {@code n} from the position of {@code u}. Steps shrink towards the bound they approach.
 * Pure functions; no state.
 */
public final class ExponentialPulseResponse {
    private ExponentialPulseResponse() {
    }

    /**
     * @param a         normalised nonlinearity {@code A / Pmax}, {@code > 0}
     * @param maxPulses {@code Pmax}, pulses from one bound to the other, {@code >= 1}
     * @return the factor {@code q = exp(-1 / (a Pmax))} by which the distance to the asymptote shrinks per pulse,
     * in {@code (0, 1)}
     * @throws IllegalArgumentException if {@code a <= 0} or {@code maxPulses < 1}
     */
    public static double shrinkPerPulse(double a, double maxPulses) {
        check(a, maxPulses);
        return Math.exp(-1.0 / (a * maxPulses));
    }

    /**
     * @param a normalised nonlinearity {@code A / Pmax}, {@code > 0}
     * @return {@code c = 1 / (exp(1 / a) - 1)}: how far beyond the bound (in units of the range) the asymptote of
     * the pulse response lies; {@code B / (Gmax - Gmin) = 1 + c}
     * @throws IllegalArgumentException if {@code a <= 0}
     */
    public static double asymptoteBeyondBound(double a) {
        check(a, 1);
        return 1.0 / Math.expm1(1.0 / a);
    }

    /**
     * Eq. (8) in normalised units: the state after {@code p} potentiating pulses from {@code u = 0}.
     *
     * @param a         normalised nonlinearity, {@code > 0}
     * @param maxPulses {@code Pmax}, {@code >= 1}
     * @param p         pulse number, any real ({@code 0 .. Pmax} spans the range)
     * @return {@code (1 - exp(-p / (a Pmax))) / (1 - exp(-1 / a))}
     * @throws IllegalArgumentException if {@code a <= 0} or {@code maxPulses < 1}
     */
    public static double potentiated(double a, double maxPulses, double p) {
        check(a, maxPulses);
        return -Math.expm1(-p / (a * maxPulses)) / -Math.expm1(-1.0 / a);
    }

    /**
     * Eq. (9) in normalised units: the state at pulse number {@code p} of the depression curve, which runs from
     * {@code u = 0} at {@code p = 0} to {@code u = 1} at {@code p = Pmax} and is traversed downwards by depressing
     * pulses.
     *
     * @param a         normalised nonlinearity, {@code > 0}
     * @param maxPulses {@code Pmax}, {@code >= 1}
     * @param p         pulse number
     * @return {@code 1 - (1 - exp((p - Pmax) / (a Pmax))) / (1 - exp(-1 / a))}
     * @throws IllegalArgumentException if {@code a <= 0} or {@code maxPulses < 1}
     */
    public static double depressionCurve(double a, double maxPulses, double p) {
        check(a, maxPulses);
        return 1.0 + Math.expm1((p - maxPulses) / (a * maxPulses)) / -Math.expm1(-1.0 / a);
    }

    /**
     * @param u  present state, normalised
     * @param a  normalised nonlinearity of potentiation, {@code > 0}
     * @param maxPulses its {@code Pmax}
     * @return the change of {@code u} by one potentiating pulse, {@code (1 + c - u)(1 - q)}
     * @throws IllegalArgumentException if {@code a <= 0} or {@code maxPulses < 1}
     */
    public static double upStep(double u, double a, double maxPulses) {
        return (1 + asymptoteBeyondBound(a) - u) * -Math.expm1(-1.0 / (a * maxPulses));
    }

    /**
     * @param u  present state, normalised
     * @param a  normalised nonlinearity of depression, {@code > 0}
     * @param maxPulses its {@code Pmax}
     * @return the (negative) change of {@code u} by one depressing pulse, {@code -(u + c)(1 - q)}
     * @throws IllegalArgumentException if {@code a <= 0} or {@code maxPulses < 1}
     */
    public static double downStep(double u, double a, double maxPulses) {
        return -(u + asymptoteBeyondBound(a)) * -Math.expm1(-1.0 / (a * maxPulses));
    }

    private static void check(double a, double maxPulses) {
        if (!(a > 0) || !Double.isFinite(a)) {
            throw new IllegalArgumentException("normalised nonlinearity A/Pmax must be finite and > 0, got " + a);
        }
        if (!(maxPulses >= 1) || !Double.isFinite(maxPulses)) {
            throw new IllegalArgumentException("Pmax must be a finite number of pulses >= 1, got " + maxPulses);
        }
    }
}
