package org.dl4jmortal.analog.device;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The {@code reram-es} preset: aihwkit's {@code ReRamESPresetDevice}, an ExpStep fit to the ReRAM of Gong et al.,
 * Nat. Commun. 9:2102 (2018). Values from aihwkit v1.1.0 {@code src/aihwkit/simulator/presets/devices.py}: dwMin
 * 0.00135, upDown 0.259359, wMax 1, wMin -1, a -0.5, b -0.5, gamma up/down 5, A_up -1.18445, A_down -0.081404,
 * dwMinDtod 0.2, upDownDtod 0.05, wMaxDtod = wMinDtod = 0.3, dwMinStd 5.0.
 * <p>
 * Not modelled: aihwkit's write noise ({@code write_noise_std} 75, a read-out noise of the state re-drawn at each
 * update), since the pulsed contract holds one state per device.
 * Stateless and thread-safe.
 */
public final class ReRamEsPresetDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "reram-es";
    /** Where the default values come from. */
    public static final String SOURCE = "aihwkit ReRamESPresetDevice, Gong et al. Nat. Commun. 2018";

    /** Public no-argument constructor for the plugin registry. */
    public ReRamEsPresetDeviceModel() {
        super(NAME, "ReRAM, exponential-step fit to Gong et al. Nat. Commun. 2018 (aihwkit ReRamESPresetDevice; write noise not modelled)", PulsedRule.EXP_STEP, Map.ofEntries(
                entry(PulsedParameterSpecs.DW_MIN, 0.00135), entry(PulsedParameterSpecs.UP_DOWN, 0.259359),
                entry(PulsedParameterSpecs.W_MAX, 1.0), entry(PulsedParameterSpecs.W_MIN, -1.0),
                entry(PulsedParameterSpecs.EXP_SLOPE, -0.5), entry(PulsedParameterSpecs.EXP_OFFSET, -0.5),
                entry(PulsedParameterSpecs.EXP_GAMMA_UP, 5.0), entry(PulsedParameterSpecs.EXP_GAMMA_DOWN, 5.0),
                entry(PulsedParameterSpecs.EXP_A_UP, -1.18445), entry(PulsedParameterSpecs.EXP_A_DOWN, -0.081404),
                entry(PulsedParameterSpecs.DW_MIN_DTOD, 0.2), entry(PulsedParameterSpecs.UP_DOWN_DTOD, 0.05),
                entry(PulsedParameterSpecs.W_MAX_DTOD, 0.3), entry(PulsedParameterSpecs.W_MIN_DTOD, 0.3),
                entry(PulsedParameterSpecs.DW_MIN_STD, 5.0)), SOURCE);
    }
}
