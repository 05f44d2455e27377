package org.dl4jmortal.analog.device;

import org.dl4jmortal.spi.plugin.AbstractMortalPlugin;
import org.dl4jmortal.spi.plugin.PluginKind;

/**
 * Registers the built-in device models of dl4j-analog-layers under {@link PluginKind#DEVICE}: {@code pcm}
 * ({@link PcmDeviceModel}) and {@code ideal} ({@link IdealDeviceModel}). Listed in
 * {@code META-INF/services/org.dl4jmortal.spi.plugin.MortalPlugin}.
 */
public final class BuiltInDevicesPlugin extends AbstractMortalPlugin {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public BuiltInDevicesPlugin() {
    }

    @Override
    protected void configure() {
        register(PluginKind.DEVICE, PcmDeviceModel.NAME, PcmDeviceModel.class);
        register(PluginKind.DEVICE, IdealDeviceModel.NAME, IdealDeviceModel.class);
    }
}
