package org.dl4jmortal.analog.physics;

import java.util.Objects;
import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Conductance drift of a programmed device (DESIGN.md §3 "Drift"): {@code g(t) = g_prog ((t + t0) / t0)^(-nu)}
 * with {@code t} the time since programming and a per-device exponent {@code nu = |N(mu_nu(gT), sigma_nu(gT))|}
 * drawn once, at programming.
 * <p>
 * Source: Nandakumar et al., ICECS 2019 (drift statistics of PCM), as implemented in aihwkit's
 * {@code PCMLikeNoiseModel.generate_drift_coefficients} and {@code apply_drift_noise_to_conductance};
 * Joshi et al., Nat. Commun. 11:2473 (2020), eq. (1) for the power law.
 */
public final class Drift {

    private Drift() {
    }

    /**
     * Draws the per-device drift exponents at programming: {@code nu = |mu_nu(gT) + sigma_nu(gT) xi|}, a folded
     * normal.
     *
     * @param gTarget target conductances, any shape, units of {@code gMax}
     * @param physics the device physics (gives {@code mu_nu}, {@code sigma_nu})
     * @param key     KeyedRandom key of this draw
     * @return drift exponents {@code nu} >= 0, same shape and data type as {@code gTarget} (dimensionless)
     */
    public static INDArray drawExponents(INDArray gTarget, ProgrammedDevicePhysics physics, long key) {
        Objects.requireNonNull(gTarget, "gTarget");
        Objects.requireNonNull(physics, "physics");
        INDArray mu = PairMapping.castLike(physics.driftExponentMean(gTarget), gTarget);
        INDArray sigma = PairMapping.castLike(physics.driftExponentStd(gTarget), gTarget);
        INDArray xi = KeyedRandom.gaussian(key, gTarget.dataType(), gTarget.shape());
        return Transforms.abs(xi.muli(sigma).addi(mu), false);
    }

    /**
     * Applies the power-law drift.
     *
     * @param gProgrammed             programmed conductances, any shape, units of {@code gMax}
     * @param nu                      drift exponents, same shape
     * @param secondsSinceProgramming {@code t} in seconds, finite and >= 0
     * @param t0                      reference time {@code t0} in seconds, finite and > 0 (PCM: 20 s)
     * @return {@code g_prog ((t + t0)/t0)^(-nu)}, same shape and data type as {@code gProgrammed}
     * @throws IllegalArgumentException if {@code t} is negative, NaN or infinite (the message names the value),
     *                                  if {@code t0} is not positive, or if the shapes differ
     */
    public static INDArray apply(INDArray gProgrammed, INDArray nu, double secondsSinceProgramming, double t0) {
        Times.requireTimeSinceProgramming(secondsSinceProgramming);
        Times.requirePositive("drift reference time t0", t0);
        if (!gProgrammed.equalShapes(nu)) {
            throw new IllegalArgumentException("drift exponents must have the conductances' shape "
                    + java.util.Arrays.toString(gProgrammed.shape()) + ", got " + java.util.Arrays.toString(nu.shape()));
        }
        double logFactor = Math.log1p(secondsSinceProgramming / t0);
        if (logFactor == 0.0) {
            return gProgrammed.dup();
        }
        INDArray factor = PairMapping.castLike(nu, gProgrammed).mul(-logFactor);
        return Transforms.exp(factor, false).muli(gProgrammed);
    }
}
