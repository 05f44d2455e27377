package org.dl4jmortal.analog.device;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The {@code gokmen-vlasov} preset: aihwkit's {@code GokmenVlasovPresetDevice}, a ConstantStep device with the
 * specifications of Gokmen &amp; Vlasov, Front. Neurosci. 10:333 (2016), scaled to the weight range -1..1 (about
 * 1200 states). Values from aihwkit v1.1.0 {@code src/aihwkit/simulator/presets/devices.py}: dwMin 0.0016,
 * dwMinDtod 0.3, dwMinStd 0.3, upDown 0, upDownDtod 0.01, wMax 1, wMin -1, wMaxDtod = wMinDtod = 0.3.
 * Stateless and thread-safe.
 */
public final class GokmenVlasovPresetDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "gokmen-vlasov";
    /** Where the default values come from. */
    public static final String SOURCE = "aihwkit GokmenVlasovPresetDevice, Gokmen & Vlasov Front. Neurosci. 2016";

    /** Public no-argument constructor for the plugin registry. */
    public GokmenVlasovPresetDeviceModel() {
        super(NAME, "constant step, Gokmen & Vlasov Front. Neurosci. 2016 specifications scaled to -1..1 (aihwkit GokmenVlasovPresetDevice)", PulsedRule.CONSTANT_STEP, Map.ofEntries(
                entry(PulsedParameterSpecs.DW_MIN, 0.0016), entry(PulsedParameterSpecs.DW_MIN_DTOD, 0.3), entry(PulsedParameterSpecs.DW_MIN_STD, 0.3),
                entry(PulsedParameterSpecs.UP_DOWN, 0.0), entry(PulsedParameterSpecs.UP_DOWN_DTOD, 0.01),
                entry(PulsedParameterSpecs.W_MAX, 1.0), entry(PulsedParameterSpecs.W_MIN, -1.0),
                entry(PulsedParameterSpecs.W_MAX_DTOD, 0.3), entry(PulsedParameterSpecs.W_MIN_DTOD, 0.3)), SOURCE);
    }
}
