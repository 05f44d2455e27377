package org.dl4jmortal.analog.device;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The {@code ecram-mo} preset: aihwkit's {@code EcRamMOPresetDevice}, a LinearStep fit to the metal-oxide ECRAM of
 * Kim et al., IEDM 2019. Values from aihwkit v1.1.0 {@code src/aihwkit/simulator/presets/devices.py}: dwMin
 * 2.8214e-4, upDown 0, wMax 1.1714, wMin -0.8286, multiplicative noise, gammaUp 0.4152, gammaDown 0.7342, dwMinDtod
 * 0.1, upDownDtod 0.01, wMaxDtod = wMinDtod = 0.05, gamma dtod 0.05, dwMinStd 2.0, slopes referred to the mean
 * bounds.
 * Stateless and thread-safe.
 */
public final class EcRamMoPresetDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "ecram-mo";
    /** Where the default values come from. */
    public static final String SOURCE = "aihwkit EcRamMOPresetDevice, Kim et al. IEDM 2019";

    /** Public no-argument constructor for the plugin registry. */
    public EcRamMoPresetDeviceModel() {
        super(NAME, "metal-oxide ECRAM, linear-step fit to Kim et al. IEDM 2019 (aihwkit EcRamMOPresetDevice)", PulsedRule.LINEAR_STEP, Map.ofEntries(
                entry(PulsedParameterSpecs.DW_MIN, 2.8214e-4), entry(PulsedParameterSpecs.UP_DOWN, 0.0),
                entry(PulsedParameterSpecs.W_MAX, 1.1714), entry(PulsedParameterSpecs.W_MIN, -0.8286),
                entry(PulsedParameterSpecs.MULTIPLICATIVE_NOISE, 1.0),
                entry(PulsedParameterSpecs.GAMMA_UP, 0.4152), entry(PulsedParameterSpecs.GAMMA_DOWN, 0.7342),
                entry(PulsedParameterSpecs.DW_MIN_DTOD, 0.1), entry(PulsedParameterSpecs.UP_DOWN_DTOD, 0.01),
                entry(PulsedParameterSpecs.W_MAX_DTOD, 0.05), entry(PulsedParameterSpecs.W_MIN_DTOD, 0.05),
                entry(PulsedParameterSpecs.GAMMA_UP_DTOD, 0.05), entry(PulsedParameterSpecs.GAMMA_DOWN_DTOD, 0.05),
                entry(PulsedParameterSpecs.DW_MIN_STD, 2.0), entry(PulsedParameterSpecs.MEAN_BOUND_REFERENCE, 1.0)), SOURCE);
    }
}
