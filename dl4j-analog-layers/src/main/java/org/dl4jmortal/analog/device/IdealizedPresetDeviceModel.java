package org.dl4jmortal.analog.device;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The {@code idealized} preset: aihwkit's {@code IdealizedPresetDevice}, a ConstantStep device on average perfectly
 * symmetric with about 10000 states (Gokmen &amp; Vlasov, Front. Neurosci. 2016 specifications with the asymmetry
 * spread set to zero and 8x the states; used in Rasch, Gokmen &amp; Haensch, IEEE Design &amp; Test 2019). Values
 * from aihwkit v1.1.0 {@code src/aihwkit/simulator/presets/devices.py}: dwMin 0.0002, dwMinDtod 0.3, dwMinStd 0.3,
 * upDown 0, upDownDtod 0, wMax 1, wMin -1, wMaxDtod = wMinDtod = 0.3.
 * Stateless and thread-safe.
 */
public final class IdealizedPresetDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "idealized";
    /** Where the default values come from. */
    public static final String SOURCE = "aihwkit IdealizedPresetDevice, Rasch, Gokmen & Haensch 2019";

    /** Public no-argument constructor for the plugin registry. */
    public IdealizedPresetDeviceModel() {
        super(NAME, "constant step with ~10000 states, symmetric on average (aihwkit IdealizedPresetDevice)", PulsedRule.CONSTANT_STEP, Map.ofEntries(
                entry(PulsedParameterSpecs.DW_MIN, 0.0002), entry(PulsedParameterSpecs.DW_MIN_DTOD, 0.3), entry(PulsedParameterSpecs.DW_MIN_STD, 0.3),
                entry(PulsedParameterSpecs.UP_DOWN, 0.0), entry(PulsedParameterSpecs.UP_DOWN_DTOD, 0.0),
                entry(PulsedParameterSpecs.W_MAX, 1.0), entry(PulsedParameterSpecs.W_MIN, -1.0),
                entry(PulsedParameterSpecs.W_MAX_DTOD, 0.3), entry(PulsedParameterSpecs.W_MIN_DTOD, 0.3)), SOURCE);
    }
}
