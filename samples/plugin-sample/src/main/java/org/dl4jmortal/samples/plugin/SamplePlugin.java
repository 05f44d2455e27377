package org.dl4jmortal.samples.plugin;

import org.dl4jmortal.spi.plugin.AbstractMortalPlugin;
import org.dl4jmortal.spi.plugin.PluginKind;

/**
 * The plugin module of this jar: registers the device model {@code ag-asi} ({@link AgaSiDeviceModel}) and the tap
 * exporter {@code jsonl} ({@link JsonLinesExporter}). It is found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.dl4jmortal.spi.plugin.MortalPlugin}, which names this class; nothing else in
 * dl4j-mortal refers to it.
 */
public final class SamplePlugin extends AbstractMortalPlugin {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public SamplePlugin() {
    }

    @Override
    protected void configure() {
        register(PluginKind.DEVICE, AgaSiDeviceModel.NAME, AgaSiDeviceModel.class);
        register(PluginKind.EXPORTER, JsonLinesExporter.NAME, JsonLinesExporter.class);
    }
}
