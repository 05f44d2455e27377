package org.dl4jmortal.analog.physics.pulsed;

import java.util.Objects;
import java.util.SplittableRandom;
import org.dl4jmortal.analog.host.HostArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The closed form of {@code n} pulses of a rule whose step is affine in the state (ConstantStep, LinearStep,
 * SoftBounds; Gokmen &amp; Vlasov 2016; aihwkit {@code rpu_linearstep_device.cpp}), vectorised over all devices.
 * One pulse moves a device by {@code s(w) = a + b w} (device units; {@code a} and {@code b} are the magnitudes
 * times the train's direction, +1 up or -1 down), with cycle-to-cycle noise either
 * <em>multiplicative</em>, {@code w <- w + s(w) (1 + sigma xi)} (aihwkit {@code mult_noise = true}), or
 * <em>additive</em>, {@code w <- w + s(w) + sigma a xi} (aihwkit {@code mult_noise = false}).
 * <p>
 * Without noise, {@code n} pulses give exactly the geometric closed form
 * {@code w_n = q^n w_0 + a (q^n - 1) / (q - 1)} with {@code q = 1 + b} ({@code w_0 + n a} when {@code b = 0}).
 * The noise of the {@code n} pulses is added as one Gaussian term:
 * <ul>
 *   <li>additive: std {@code sigma |a| sqrt((q^(2n) - 1) / (q^2 - 1))}, exact in law for the linear recursion;</li>
 *   <li>multiplicative: std {@code sigma |s(w_0)| sqrt(n) q^(n-1)}: along the noise-free path the step shrinks as
 *       {@code s_k = s(w_0) q^k} and each pulse's noise is damped by {@code q^(n-1-k)} afterwards, so the variance
 *       is {@code sigma^2 s_0^2 n q^(2(n-1))}. This linearises the noise around the noise-free path (it drops
 *       terms of order {@code sigma^2 b}); for {@code b = 0} (ConstantStep) it is exact in law.</li>
 * </ul>
 * Approximations: the sum of the per-pulse Gaussians is Gaussian (exact), but clipping to the bounds is applied by
 * the caller once after the whole train, not after every pulse. For a noise-free monotone train that is the same
 * thing; with noise it differs only for devices that touch a bound within the train. A factor {@code q} below
 * {@code 1e-6} (a step that would overshoot the fixed point {@code -a/b}) is raised to {@code 1e-6}.
 * Computed in one pass over the devices in double precision (rows in parallel); a device without pulses is not
 * touched and draws no noise. The noise is {@link CycleToCycleNoise}'s: per row, one stream keyed by (key, row).
 * Pure function; no array argument is modified.
 */
public final class AffinePulseTrain {
    /** Smallest factor {@code q = 1 + b} per pulse. */
    public static final double MIN_FACTOR = 1e-6;
    private static final double ZERO_SLOPE = 1e-30;

    private AffinePulseTrain() {
    }

    /**
     * @param w              states {@code [rows, columns]}, device units
     * @param n              pulse counts, same shape, whole numbers {@code >= 0}
     * @param a              magnitude of the step at {@code w = 0} per device, same shape
     * @param b              slope of the step magnitude per device, same shape, or {@code null} for a constant step
     * @param direction      {@code +1} for a potentiating train, {@code -1} for a depressing one: the signed step is
     *                       {@code direction (a + b w)}, so depressing trains need no negated copies of the arrays
     * @param sigma          cycle-to-cycle relative std ({@code >= 0})
     * @param multiplicative true: noise on the whole step; false: noise {@code sigma a xi} only
     * @param noiseKey       KeyedRandom key of the noise draw (not used if {@code sigma} is 0)
     * @return the states after the train, same shape and type as {@code w}, not clipped
     * @throws IllegalArgumentException if {@code direction} is neither +1 nor -1
     * @throws NullPointerException     if {@code w}, {@code n} or {@code a} is null
     */
    public static INDArray apply(INDArray w, INDArray n, INDArray a, INDArray b, double direction, double sigma,
                                 boolean multiplicative, long noiseKey) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(n, "n");
        Objects.requireNonNull(a, "a");
        if (direction != 1.0 && direction != -1.0) {
            throw new IllegalArgumentException("direction must be +1 or -1, got " + direction);
        }
        int rows = Math.toIntExact(w.rows());
        int columns = Math.toIntExact(w.columns());
        double[] out = HostArrays.toDoubles(w);
        double[] counts = HostArrays.toDoubles(n);
        double[] step = HostArrays.toDoubles(a);
        double[] slope = b == null ? null : HostArrays.toDoubles(b);
        HostArrays.forEachRow(rows, columns, r -> {
            SplittableRandom random = sigma > 0 ? CycleToCycleNoise.rowStream(noiseKey, r) : null;
            for (int i = r * columns, end = i + columns; i < end; i++) {
                double count = counts[i];
                if (count == 0) {
                    continue; // no pulse: the device does not move and draws no noise
                }
                double std = slope == null ? constant(out, i, count, direction * step[i], sigma)
                        : affine(out, i, count, direction * step[i], direction * slope[i], sigma, multiplicative);
                if (std != 0) {
                    out[i] += std * random.nextGaussian();
                }
            }
        });
        return HostArrays.fromDoubles(out, rows, columns, w.dataType());
    }

    /** Moves {@code w[i]} by {@code n a}; @return the noise std {@code sigma |a| sqrt(n)} */
    private static double constant(double[] w, int i, double n, double a, double sigma) {
        w[i] += n * a;
        return sigma * Math.abs(a) * Math.sqrt(n);
    }

    /** Moves {@code w[i]} by the geometric closed form; @return the noise std of the class comment */
    private static double affine(double[] w, int i, double n, double a, double b, double sigma,
                                 boolean multiplicative) {
        double w0 = w[i];
        double bc = Math.max(b, MIN_FACTOR - 1.0);
        boolean flat = Math.abs(bc) < ZERO_SLOPE;
        double nl = flat ? 0.0 : Math.log1p(bc) * n;
        double power = flat ? 1.0 : Math.exp(nl);
        double geometric = flat ? n : Math.expm1(nl) / bc;
        w[i] = w0 * power + a * geometric;
        if (sigma == 0) {
            return 0.0;
        }
        if (multiplicative) {
            return sigma * Math.abs(bc * w0 + a) * Math.sqrt(n) * power / (bc + 1.0);
        }
        double twice = flat ? n : Math.expm1(2.0 * nl) / (bc * (bc + 2.0));
        return sigma * Math.abs(a) * Math.sqrt(twice);
    }
}
