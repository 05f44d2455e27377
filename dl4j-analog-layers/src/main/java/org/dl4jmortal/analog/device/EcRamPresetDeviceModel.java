package org.dl4jmortal.analog.device;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The {@code ecram} preset: aihwkit's {@code EcRamPresetDevice}, a LinearStep fit to the lithium-based ECRAM of
 * Tang et al., IEDM 2018, with the range shifted so that the symmetry point is at zero. Values from aihwkit v1.1.0
 * {@code src/aihwkit/simulator/presets/devices.py}: dwMin 0.002, upDown 0, wMax 1.1724, wMin -0.8276,
 * multiplicative noise, gammaUp 0.1153, gammaDown 0.5085, dwMinDtod 0.1, upDownDtod 0.01, wMaxDtod = wMinDtod
 * = 0.05, gamma dtod 0.05, dwMinStd 0.3, slopes referred to the mean bounds.
 * Stateless and thread-safe.
 */
public final class EcRamPresetDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "ecram";
    /** Where the default values come from. */
    public static final String SOURCE = "aihwkit EcRamPresetDevice, Tang et al. IEDM 2018";

    /** Public no-argument constructor for the plugin registry. */
    public EcRamPresetDeviceModel() {
        super(NAME, "Li-ECRAM, linear-step fit to Tang et al. IEDM 2018 (aihwkit EcRamPresetDevice)", PulsedRule.LINEAR_STEP, Map.ofEntries(
                entry(PulsedParameterSpecs.DW_MIN, 0.002), entry(PulsedParameterSpecs.UP_DOWN, 0.0),
                entry(PulsedParameterSpecs.W_MAX, 1.1724), entry(PulsedParameterSpecs.W_MIN, -0.8276),
                entry(PulsedParameterSpecs.MULTIPLICATIVE_NOISE, 1.0),
                entry(PulsedParameterSpecs.GAMMA_UP, 0.1153), entry(PulsedParameterSpecs.GAMMA_DOWN, 0.5085),
                entry(PulsedParameterSpecs.DW_MIN_DTOD, 0.1), entry(PulsedParameterSpecs.UP_DOWN_DTOD, 0.01),
                entry(PulsedParameterSpecs.W_MAX_DTOD, 0.05), entry(PulsedParameterSpecs.W_MIN_DTOD, 0.05),
                entry(PulsedParameterSpecs.GAMMA_UP_DTOD, 0.05), entry(PulsedParameterSpecs.GAMMA_DOWN_DTOD, 0.05),
                entry(PulsedParameterSpecs.DW_MIN_STD, 0.3), entry(PulsedParameterSpecs.MEAN_BOUND_REFERENCE, 1.0)), SOURCE);
    }
}
