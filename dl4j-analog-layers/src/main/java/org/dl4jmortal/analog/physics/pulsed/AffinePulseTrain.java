package org.dl4jmortal.analog.physics.pulsed;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The closed form of {@code n} pulses of a rule whose step is affine in the state (ConstantStep, LinearStep,
 * SoftBounds; Gokmen &amp; Vlasov 2016; aihwkit {@code rpu_linearstep_device.cpp}), vectorised over all devices.
 * One pulse moves a device by {@code s(w) = a + b w} (signed, device units), with cycle-to-cycle noise either
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
     * @param a              step at {@code w = 0} per device, same shape (negative for depressing trains)
     * @param b              slope of the step per device, same shape, or {@code null} for a constant step
     * @param sigma          cycle-to-cycle relative std ({@code >= 0})
     * @param multiplicative true: noise on the whole step; false: noise {@code sigma a xi} only
     * @param noiseKey       KeyedRandom key of the noise draw (not used if {@code sigma} is 0)
     * @return the states after the train, same shape and type as {@code w}, not clipped
     */
    public static INDArray apply(INDArray w, INDArray n, INDArray a, INDArray b, double sigma, boolean multiplicative,
                                 long noiseKey) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(n, "n");
        Objects.requireNonNull(a, "a");
        if (b == null) {
            INDArray out = n.mul(a).addi(w);
            if (sigma > 0) {
                INDArray std = Transforms.sqrt(n, true).muli(Transforms.abs(a, true)).muli(sigma);
                out.addi(CycleToCycleNoise.scaled(std, noiseKey));
            }
            return out;
        }
        INDArray bc = Transforms.max(b, MIN_FACTOR - 1.0, true);
        INDArray zero = Transforms.abs(bc, true).lt(ZERO_SLOPE).castTo(w.dataType());
        INDArray nonZero = zero.rsub(1.0);
        INDArray bs = bc.add(zero);
        INDArray nl = Transforms.log1p(bs, true).muli(n);
        INDArray power = Transforms.exp(nl, true).muli(nonZero).addi(zero);
        INDArray geometric = Transforms.expm1(nl, true).divi(bs).muli(nonZero).addi(n.mul(zero));
        INDArray out = w.mul(power).addi(a.mul(geometric));
        if (sigma > 0) {
            INDArray std;
            if (multiplicative) {
                INDArray s0 = Transforms.abs(bc.mul(w).addi(a), false);
                std = s0.muli(Transforms.sqrt(n, true)).muli(power).divi(bc.add(1.0)).muli(sigma);
            } else {
                INDArray twice = Transforms.expm1(nl.mul(2.0), false).divi(bs.mul(bs.add(2.0)))
                        .muli(nonZero).addi(n.mul(zero));
                std = Transforms.sqrt(twice, false).muli(Transforms.abs(a, true)).muli(sigma);
            }
            out.addi(CycleToCycleNoise.scaled(std, noiseKey));
        }
        return out;
    }
}
