package org.dl4jmortal.spi.device;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The statistical inference model of a programmed device (PCM-like), as pure element-wise functions of
 * conductances normalised to {@code gMax} (DESIGN.md §3). The simulator draws the random numbers and applies:
 * programmed {@code g = max(gT + sigma_prog xi, 0)}; drift {@code g(t) = g_prog ((t + t0)/t0)^(-nu)} with
 * {@code nu = |N(mu_nu, sigma_nu)|} drawn at programming; accumulated 1/f noise {@code |g(t)| Q_s sqrt(s(t)) xi}
 * with {@code s(t) = ln((t + t0 + t_read) / (2 t_read))}.
 * <p>
 * Source of the structure: aihwkit {@code PCMLikeNoiseModel}; Nandakumar et al., ICECS 2019.
 */
public interface ProgrammedDevicePhysics {

    /**
     * @param gTarget target conductances, any shape, in units of {@code gMax}, in [0, 1]
     * @return standard deviation of the programmed conductance, same shape, units of {@code gMax}
     */
    INDArray programmingNoiseStd(INDArray gTarget);

    /**
     * @param gTarget target conductances, any shape, units of {@code gMax}
     * @return mean drift exponent {@code mu_nu}, same shape (dimensionless)
     */
    INDArray driftExponentMean(INDArray gTarget);

    /**
     * @param gTarget target conductances, any shape, units of {@code gMax}
     * @return device-to-device spread of the drift exponent {@code sigma_nu}, same shape
     */
    INDArray driftExponentStd(INDArray gTarget);

    /** @return the drift reference time {@code t0} in seconds (> 0) */
    double driftReferenceTime();

    /**
     * @param gProgrammed programmed conductances, any shape, units of {@code gMax}
     * @return the 1/f noise amplitude {@code Q_s}, same shape (dimensionless)
     */
    INDArray oneOverFAmplitude(INDArray gProgrammed);

    /** @return the read duration {@code t_read} in seconds used in {@code s(t)} (> 0) */
    double readTime();
}
