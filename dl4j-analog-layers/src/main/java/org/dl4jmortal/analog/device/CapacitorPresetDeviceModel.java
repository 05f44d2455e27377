package org.dl4jmortal.analog.device;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The {@code capacitor} preset: aihwkit's {@code CapacitorPresetDevice}, a LinearStep fit to the capacitor cell of
 * Li et al., VLSI Technology 2018. Values from aihwkit v1.1.0 {@code src/aihwkit/simulator/presets/devices.py}:
 * dwMin 0.005, upDown 0, wMax 1, wMin -1, additive noise, gamma up/down 0.05, dwMinDtod 0.1, upDownDtod 0.06,
 * wMaxDtod = wMinDtod = 0.07, gamma dtod 0.01, dwMinStd 0.3, slopes referred to the mean bounds.
 * <p>
 * Not modelled: the capacitor's leakage (aihwkit {@code lifetime} 1e6 mini-batches, applied once per mini-batch).
 * Stateless and thread-safe.
 */
public final class CapacitorPresetDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "capacitor";
    /** Where the default values come from. */
    public static final String SOURCE = "aihwkit CapacitorPresetDevice, Li et al. VLSI 2018";

    /** Public no-argument constructor for the plugin registry. */
    public CapacitorPresetDeviceModel() {
        super(NAME, "capacitor cell, linear-step fit to Li et al. VLSI 2018 (aihwkit CapacitorPresetDevice; leakage not modelled)", PulsedRule.LINEAR_STEP, Map.ofEntries(
                entry(PulsedParameterSpecs.DW_MIN, 0.005), entry(PulsedParameterSpecs.UP_DOWN, 0.0),
                entry(PulsedParameterSpecs.W_MAX, 1.0), entry(PulsedParameterSpecs.W_MIN, -1.0),
                entry(PulsedParameterSpecs.MULTIPLICATIVE_NOISE, 0.0),
                entry(PulsedParameterSpecs.GAMMA_UP, 0.05), entry(PulsedParameterSpecs.GAMMA_DOWN, 0.05),
                entry(PulsedParameterSpecs.DW_MIN_DTOD, 0.1), entry(PulsedParameterSpecs.UP_DOWN_DTOD, 0.06),
                entry(PulsedParameterSpecs.W_MAX_DTOD, 0.07), entry(PulsedParameterSpecs.W_MIN_DTOD, 0.07),
                entry(PulsedParameterSpecs.GAMMA_UP_DTOD, 0.01), entry(PulsedParameterSpecs.GAMMA_DOWN_DTOD, 0.01),
                entry(PulsedParameterSpecs.DW_MIN_STD, 0.3), entry(PulsedParameterSpecs.MEAN_BOUND_REFERENCE, 1.0)), SOURCE);
    }
}
