package org.dl4jmortal.analog.device;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The {@code reram-sb} preset: aihwkit's {@code ReRamSBPresetDevice}, a loose soft-bounds fit to the ReRAM of
 * Gong et al., Nat. Commun. 9:2102 (2018), assuming the symmetry point was calibrated away. Values from aihwkit v1.1.0
 * {@code src/aihwkit/simulator/presets/devices.py}: dwMin 0.002, upDown 0, wMax 1.25, wMin -0.75, additive noise,
 * dwMinDtod 0.3, upDownDtod 0.01, wMaxDtod 0.3/1.25, wMinDtod 0.3/0.75, dwMinStd 3.75. aihwkit implements it as a
 * {@code SoftBoundsReferenceDevice} whose reference defaults (mean 0, std 0, no symmetry-point subtraction) make it
 * a plain soft-bounds device with each device's own bounds, as here.
 * <p>
 * Not modelled: aihwkit's write noise ({@code write_noise_std} 56).
 * Stateless and thread-safe.
 */
public final class ReRamSbPresetDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "reram-sb";
    /** Where the default values come from. */
    public static final String SOURCE = "aihwkit ReRamSBPresetDevice, Gong et al. Nat. Commun. 2018";

    /** Public no-argument constructor for the plugin registry. */
    public ReRamSbPresetDeviceModel() {
        super(NAME, "ReRAM, soft-bounds fit to Gong et al. Nat. Commun. 2018 (aihwkit ReRamSBPresetDevice; write noise not modelled)", PulsedRule.SOFT_BOUNDS, Map.ofEntries(
                entry(PulsedParameterSpecs.DW_MIN, 0.002), entry(PulsedParameterSpecs.UP_DOWN, 0.0),
                entry(PulsedParameterSpecs.W_MAX, 1.25), entry(PulsedParameterSpecs.W_MIN, -0.75),
                entry(PulsedParameterSpecs.MULTIPLICATIVE_NOISE, 0.0),
                entry(PulsedParameterSpecs.DW_MIN_DTOD, 0.3), entry(PulsedParameterSpecs.UP_DOWN_DTOD, 0.01),
                entry(PulsedParameterSpecs.W_MAX_DTOD, 0.3 / 1.25), entry(PulsedParameterSpecs.W_MIN_DTOD, 0.3 / 0.75),
                entry(PulsedParameterSpecs.DW_MIN_STD, 3.75)), SOURCE);
    }
}
