package org.dl4jmortal.analog.device;

import org.dl4jmortal.spi.plugin.AbstractMortalPlugin;
import org.dl4jmortal.spi.plugin.PluginKind;

/**
 * Registers the pulsed (in-place trainable) device models under {@link PluginKind#DEVICE}: the five rules
 * {@code constant-step}, {@code linear-step}, {@code soft-bounds}, {@code exp-step}, {@code pow-step} with aihwkit's
 * defaults, and the presets of published devices {@code reram-es}, {@code reram-sb}, {@code capacitor},
 * {@code ecram}, {@code ecram-mo}, {@code gokmen-vlasov}, {@code idealized} (aihwkit
 * {@code src/aihwkit/simulator/presets/devices.py}). aihwkit's {@code PCMPresetDevice} is not offered: it is a
 * unidirectional device ({@code wMin = 0}) that only works as a refreshed pair, which the single-state pulsed
 * contract does not model. Listed in {@code META-INF/services/org.dl4jmortal.spi.plugin.MortalPlugin}.
 */
public final class PulsedDevicesPlugin extends AbstractMortalPlugin {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public PulsedDevicesPlugin() {
    }

    @Override
    protected void configure() {
        register(PluginKind.DEVICE, ConstantStepDeviceModel.NAME, ConstantStepDeviceModel.class);
        register(PluginKind.DEVICE, LinearStepDeviceModel.NAME, LinearStepDeviceModel.class);
        register(PluginKind.DEVICE, SoftBoundsDeviceModel.NAME, SoftBoundsDeviceModel.class);
        register(PluginKind.DEVICE, ExpStepDeviceModel.NAME, ExpStepDeviceModel.class);
        register(PluginKind.DEVICE, PowStepDeviceModel.NAME, PowStepDeviceModel.class);
        register(PluginKind.DEVICE, ReRamEsPresetDeviceModel.NAME, ReRamEsPresetDeviceModel.class);
        register(PluginKind.DEVICE, ReRamSbPresetDeviceModel.NAME, ReRamSbPresetDeviceModel.class);
        register(PluginKind.DEVICE, CapacitorPresetDeviceModel.NAME, CapacitorPresetDeviceModel.class);
        register(PluginKind.DEVICE, EcRamPresetDeviceModel.NAME, EcRamPresetDeviceModel.class);
        register(PluginKind.DEVICE, EcRamMoPresetDeviceModel.NAME, EcRamMoPresetDeviceModel.class);
        register(PluginKind.DEVICE, GokmenVlasovPresetDeviceModel.NAME, GokmenVlasovPresetDeviceModel.class);
        register(PluginKind.DEVICE, IdealizedPresetDeviceModel.NAME, IdealizedPresetDeviceModel.class);
    }
}
