package org.dl4jmortal.samples.plugin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.ParameterSpec;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;

/**
 * The device {@code ag-asi}: the Ag:a-Si memristor of Jo et al., "Nanoscale memristor device as synapse in
 * neuromorphic systems", Nano Lett. 10:1297 (2010), as characterised for NeuroSim by Chen, Peng &amp; Yu, IEEE TCAD
 * 37(12):3067 (2018), Table I: 97 potentiation and 100 depression pulses between {@code Gmin} = 3.08 nS and
 * {@code Gmax} = 38.5 nS (ON/OFF 12.5), nonlinearity labels 2.40 / -4.88, cycle-to-cycle variation 3.5% of the
 * range. The pulse response is NeuroSim's exponential model (eqs. 8-10, {@link ExponentialPulseResponse}), with the
 * normalised nonlinearity {@code A / Pmax} taken from NeuroSim's nonlinearity-to-A table (MLP_NeuroSim V3.0,
 * {@code Documents/Nonlinearity-NormA.htm}: 0.4992 for label 2.40, 0.2003 for 4.88).
 * <p>
 * Not modelled: the ON/OFF ratio (the weight is read against a reference at mid-range, as in NeuroSim's eq. (7),
 * {@code W_A = 2 W_H - J}, so only the normalised response matters), read noise of the device itself, and drift.
 * Periphery defaults as for the built-in pulsed devices: no PCM read noise ({@code readNoise} 0) and no drift
 * compensation ({@code driftCompensation} 0). Stateless and thread-safe.
 */
public final class AgaSiDeviceModel implements DeviceModel {
    /** Registered name. */
    public static final String NAME = "ag-asi";
    /** Lower bound of the state (device units), where {@code Gmin} maps. */
    public static final String W_MIN = "wMin";
    /** Upper bound of the state (device units), where {@code Gmax} maps. */
    public static final String W_MAX = "wMax";
    /** Normalised nonlinearity {@code A / Pmax} of potentiation. */
    public static final String A_UP = "aUp";
    /** Normalised nonlinearity {@code A / Pmax} of depression. */
    public static final String A_DOWN = "aDown";
    /** {@code Pmax} of potentiation. */
    public static final String PULSES_UP = "pulsesUp";
    /** {@code Pmax} of depression. */
    public static final String PULSES_DOWN = "pulsesDown";
    /** Cycle-to-cycle noise per pulse as a fraction of the range. */
    public static final String CYCLE_TO_CYCLE = "cycleToCycle";
    /** Device-to-device relative spread of the nonlinearity. */
    public static final String A_DTOD = "aDtod";
    /** The source of the defaults, for the parameter descriptions. */
    public static final String SOURCE = "Chen, Peng & Yu, IEEE TCAD 2018, Table I (Ag:a-Si, Jo et al. 2010)";

    private static final ParameterSet DEFAULTS = ParameterSet.ofDefaults(List.of(
            new ParameterSpec(PULSES_UP, 97, 1, 1e6, "pulses",
                    "Pmax of potentiation: pulses from Gmin to Gmax (97, " + SOURCE + ")"),
            new ParameterSpec(PULSES_DOWN, 100, 1, 1e6, "pulses",
                    "Pmax of depression: pulses from Gmax to Gmin (100, " + SOURCE + ")"),
            new ParameterSpec(A_UP, 0.499181, 1e-3, 1e3, "1 (A / Pmax)",
                    "normalised nonlinearity of potentiation, NeuroSim's A/Pmax for the label 2.40 (" + SOURCE + ")"),
            new ParameterSpec(A_DOWN, 0.200303, 1e-3, 1e3, "1 (A / Pmax)",
                    "normalised nonlinearity of depression, NeuroSim's A/Pmax for the label -4.88 (" + SOURCE + ")"),
            new ParameterSpec(CYCLE_TO_CYCLE, 0.035, 0, 1, "fraction of wMax - wMin",
                    "std of the additive noise of every pulse (3.5%, " + SOURCE + ")"),
            new ParameterSpec(A_DTOD, 0, 0, 1, "relative std",
                    "device-to-device spread of the nonlinearity (not measured for this device: 0)"),
            new ParameterSpec(W_MIN, -1, -1e3, 0, "device units",
                    "lower bound, where Gmin maps (NeuroSim's weight range [-1, 1])"),
            new ParameterSpec(W_MAX, 1, 0, 1e3, "device units",
                    "upper bound, where Gmax maps (NeuroSim's weight range [-1, 1])")));

    private static final Map<String, Double> PERIPHERY = Map.of("readNoise", 0.0, "driftCompensation", 0.0);

    /** Public no-argument constructor for the plugin registry. */
    public AgaSiDeviceModel() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Ag:a-Si memristor (Jo et al. Nano Lett. 2010), NeuroSim exponential pulse response "
                + "(Chen, Peng & Yu, IEEE TCAD 2018, eqs. 8-10, Table I)";
    }

    /** @return {@link CrosspointKind#PULSED}: trained in place by pulses */
    @Override
    public CrosspointKind crosspointKind() {
        return CrosspointKind.PULSED;
    }

    @Override
    public ParameterSet defaultParameters() {
        return DEFAULTS;
    }

    /** {@inheritDoc} {@code readNoise} 0 and {@code driftCompensation} 0. */
    @Override
    public Map<String, Double> peripheryDefaults() {
        return PERIPHERY;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a parameter is missing, {@code wMin} or {@code wMax} is 0, or a value is
     *                                  outside its range (the message names it)
     */
    @Override
    public Optional<PulsedDevicePhysics> pulsedPhysics(ParameterSet parameters) {
        Objects.requireNonNull(parameters, "parameters");
        return Optional.of(new AgaSiPhysics(parameters.get(W_MIN), parameters.get(W_MAX), parameters.get(A_UP),
                parameters.get(A_DOWN), parameters.get(PULSES_UP), parameters.get(PULSES_DOWN),
                parameters.get(CYCLE_TO_CYCLE), parameters.get(A_DTOD)));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
