package org.dl4jmortal.analog.device;

import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The statistical PCM model of Nandakumar et al., "Phase-change memory models for deep learning training and
 * inference", ICECS 2019, with the coefficients fitted in aihwkit's {@code PCMLikeNoiseModel} (DESIGN.md §3).
 * Conductances are normalised to {@code gMax} (the fits were made in µS for {@code gMax} = 25 µS):
 * <ul>
 *   <li>programming noise {@code sigma_prog = s (0.26348 + 1.9650 r - 1.1731 r^2) / 25}, {@code r = gT},
 *       {@code s} = programmingNoiseScale (aihwkit {@code prog_coeff}, {@code prog_noise_scale});</li>
 *   <li>drift exponent mean {@code mu_nu = clamp(-0.0155 ln r + 0.0244, 0.049, 0.1)} and spread
 *       {@code sigma_nu = clamp(-0.0125 ln r - 0.0059, 0.008, 0.045)}, {@code r = max(gT, 1e-7)}
 *       (aihwkit {@code generate_drift_coefficients});</li>
 *   <li>1/f noise amplitude {@code Q_s = min(0.0088 / max(|g_prog|^0.65, 1e-3), 0.2)}
 *       (aihwkit {@code apply_drift_noise_to_conductance});</li>
 *   <li>{@code t0} = 20 s and {@code t_read} = 250 ns by default.</li>
 * </ul>
 * Immutable and thread-safe; every method returns a new array of its argument's data type.
 */
public final class PcmPhysics implements ProgrammedDevicePhysics {
    /** Smallest relative conductance used in the logarithms of the drift statistics (aihwkit's _ZERO_CLIP). */
    public static final double MIN_RELATIVE_CONDUCTANCE = 1e-7;

    private final double programmingNoiseScale;
    private final double driftReferenceTime;
    private final double readTime;

    /**
     * @param programmingNoiseScale factor on {@code sigma_prog}, finite and >= 0
     * @param driftReferenceTime    {@code t0} in seconds, finite and > 0
     * @param readTime              {@code t_read} in seconds, finite and > 0
     * @throws IllegalArgumentException if a value is out of its range (the message names it)
     */
    public PcmPhysics(double programmingNoiseScale, double driftReferenceTime, double readTime) {
        if (!(programmingNoiseScale >= 0) || !Double.isFinite(programmingNoiseScale)) {
            throw new IllegalArgumentException("programmingNoiseScale must be finite and >= 0, got "
                    + programmingNoiseScale);
        }
        if (!(driftReferenceTime > 0) || !Double.isFinite(driftReferenceTime)) {
            throw new IllegalArgumentException("driftReferenceTime must be finite and > 0 seconds, got "
                    + driftReferenceTime);
        }
        if (!(readTime > 0) || !Double.isFinite(readTime)) {
            throw new IllegalArgumentException("readTime must be finite and > 0 seconds, got " + readTime);
        }
        this.programmingNoiseScale = programmingNoiseScale;
        this.driftReferenceTime = driftReferenceTime;
        this.readTime = readTime;
    }

    /** @return the PCM physics with aihwkit's defaults (scale 1, {@code t0} = 20 s, {@code t_read} = 250 ns) */
    public static PcmPhysics defaults() {
        return new PcmPhysics(1.0, 20.0, 250e-9);
    }

    /** {@inheritDoc} Polynomial of Nandakumar et al. 2019 as fitted in aihwkit, divided by 25 µS. */
    @Override
    public INDArray programmingNoiseStd(INDArray gTarget) {
        return gTarget.mul(-1.1731).addi(1.9650).muli(gTarget).addi(0.26348).muli(programmingNoiseScale / 25.0);
    }

    /** {@inheritDoc} {@code clamp(-0.0155 ln r + 0.0244, 0.049, 0.1)}. */
    @Override
    public INDArray driftExponentMean(INDArray gTarget) {
        INDArray log = logRelative(gTarget);
        return clamp(log.muli(-0.0155).addi(0.0244), 0.049, 0.1);
    }

    /** {@inheritDoc} {@code clamp(-0.0125 ln r - 0.0059, 0.008, 0.045)}. */
    @Override
    public INDArray driftExponentStd(INDArray gTarget) {
        INDArray log = logRelative(gTarget);
        return clamp(log.muli(-0.0125).subi(0.0059), 0.008, 0.045);
    }

    @Override
    public double driftReferenceTime() {
        return driftReferenceTime;
    }

    /** {@inheritDoc} {@code min(0.0088 / max(|g_prog|^0.65, 1e-3), 0.2)}. */
    @Override
    public INDArray oneOverFAmplitude(INDArray gProgrammed) {
        INDArray p = Transforms.pow(Transforms.abs(gProgrammed, true), 0.65, false);
        Transforms.max(p, 1e-3, false);
        return Transforms.min(p.rdivi(0.0088), 0.2, false);
    }

    @Override
    public double readTime() {
        return readTime;
    }

    /** @return the factor on {@code sigma_prog} */
    public double programmingNoiseScale() {
        return programmingNoiseScale;
    }

    private static INDArray logRelative(INDArray g) {
        return Transforms.log(Transforms.max(Transforms.abs(g, true), MIN_RELATIVE_CONDUCTANCE, false), false);
    }

    private static INDArray clamp(INDArray a, double min, double max) {
        return Transforms.min(Transforms.max(a, min, false), max, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcmPhysics p && Double.compare(p.programmingNoiseScale, programmingNoiseScale) == 0
                && Double.compare(p.driftReferenceTime, driftReferenceTime) == 0
                && Double.compare(p.readTime, readTime) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(programmingNoiseScale, driftReferenceTime, readTime);
    }

    @Override
    public String toString() {
        return "PcmPhysics[programmingNoiseScale=" + programmingNoiseScale + ", t0=" + driftReferenceTime
                + " s, tRead=" + readTime + " s]";
    }
}
