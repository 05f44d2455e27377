package org.dl4jmortal.analog.device;

import java.util.List;
import java.util.Optional;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.ParameterSpec;
import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;

/**
 * The {@code pcm} device: a programmed unipolar pair of phase-change memory devices with programming noise,
 * per-device conductance drift and accumulated 1/f noise (see {@link PcmPhysics}), optional stuck-at faults and
 * device-to-device variation of the programmed conductance (DESIGN.md §3).
 * <p>
 * Source: Nandakumar et al., ICECS 2019, as fitted in aihwkit's {@code PCMLikeNoiseModel}; Joshi et al., Nat.
 * Commun. 11:2473 (2020). Stateless and thread-safe.
 */
public final class PcmDeviceModel implements DeviceModel {
    /** Registered name. */
    public static final String NAME = "pcm";
    /** Parameter: {@code gMax} in siemens (informational: the simulator works in units of gMax). */
    public static final String G_MAX = "gMax";
    /** Parameter: factor on the programming noise {@code sigma_prog}. */
    public static final String PROGRAMMING_NOISE_SCALE = "programmingNoiseScale";
    /** Parameter: switch of conductance drift. */
    public static final String DRIFT = "drift";
    /** Parameter: drift reference time {@code t0} in seconds. */
    public static final String DRIFT_REFERENCE_TIME = "driftReferenceTime";
    /** Parameter: switch of accumulated 1/f noise. */
    public static final String ONE_OVER_F_NOISE = "oneOverFNoise";
    /** Parameter: read duration {@code t_read} in seconds. */
    public static final String READ_TIME = "readTime";
    /** Parameter: fraction of devices stuck at zero conductance. */
    public static final String STUCK_AT_ZERO_FRACTION = "stuckAtZeroFraction";
    /** Parameter: fraction of devices stuck at gMax. */
    public static final String STUCK_AT_GMAX_FRACTION = "stuckAtGMaxFraction";
    /** Parameter: device-to-device relative std of the programmed conductance. */
    public static final String CONDUCTANCE_DTOD = "conductanceDtod";

    private static final ParameterSet DEFAULTS = ParameterSet.ofDefaults(List.of(
            new ParameterSpec(G_MAX, 25e-6, 1e-12, 1.0, "siemens",
                    "maximal conductance; conductances are simulated in units of gMax (aihwkit PCMLikeNoiseModel g_max = 25 uS)"),
            new ParameterSpec(PROGRAMMING_NOISE_SCALE, 1.0, 0.0, 100.0, "1",
                    "factor on sigma_prog = (0.26348 + 1.9650 r - 1.1731 r^2)/25 (Nandakumar et al. 2019; aihwkit prog_noise_scale)"),
            new ParameterSpec(DRIFT, 1, 0, 1, "switch",
                    "1 = conductance drift g (t+t0)/t0)^(-nu), nu = |N(mu_nu, sigma_nu)| (Nandakumar et al. 2019)"),
            new ParameterSpec(DRIFT_REFERENCE_TIME, 20.0, 1e-9, 1e9, "seconds",
                    "drift reference time t0 (aihwkit PCMLikeNoiseModel t_0 = 20 s)"),
            new ParameterSpec(ONE_OVER_F_NOISE, 1, 0, 1, "switch",
                    "1 = accumulated 1/f noise |g| Q_s B(s(t)) along one path per chip (aihwkit PCMLikeNoiseModel)"),
            new ParameterSpec(READ_TIME, 250e-9, 1e-15, 1.0, "seconds",
                    "read duration t_read in s(t) = ln((t + t0 + t_read)/(2 t_read)) (aihwkit t_read = 250 ns)"),
            new ParameterSpec(STUCK_AT_ZERO_FRACTION, 0.0, 0.0, 1.0, "fraction",
                    "fraction of devices stuck at zero conductance, drawn once per chip"),
            new ParameterSpec(STUCK_AT_GMAX_FRACTION, 0.0, 0.0, 1.0, "fraction",
                    "fraction of devices stuck at gMax, drawn once per chip"),
            new ParameterSpec(CONDUCTANCE_DTOD, 0.0, 0.0, 10.0, "relative std",
                    "device-to-device variation: programmed g times max(1 + conductanceDtod xi, 0), drawn once per chip")));

    /** Public no-argument constructor for the plugin registry. */
    public PcmDeviceModel() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "phase-change memory pair: programming noise, drift, accumulated 1/f noise "
                + "(Nandakumar et al. ICECS 2019; aihwkit PCMLikeNoiseModel)";
    }

    @Override
    public CrosspointKind crosspointKind() {
        return CrosspointKind.PROGRAMMED_PAIR;
    }

    /** {@inheritDoc} gMax, programmingNoiseScale, drift, driftReferenceTime, oneOverFNoise, readTime,
     * stuckAtZeroFraction, stuckAtGMaxFraction, conductanceDtod. */
    @Override
    public ParameterSet defaultParameters() {
        return DEFAULTS;
    }

    /**
     * @param parameters this device's parameters
     * @return the PCM physics with the given programming noise scale, {@code t0} and {@code t_read}
     * @throws IllegalArgumentException if a parameter is missing or out of range (for example {@code gMax <= 0};
     *                                  the message names the value and the allowed range)
     */
    @Override
    public Optional<ProgrammedDevicePhysics> programmedPhysics(ParameterSet parameters) {
        for (ParameterSpec spec : DEFAULTS.specs()) {
            spec.check(parameters.get(spec.name()));
        }
        return Optional.of(new PcmPhysics(parameters.get(PROGRAMMING_NOISE_SCALE),
                parameters.get(DRIFT_REFERENCE_TIME), parameters.get(READ_TIME)));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
