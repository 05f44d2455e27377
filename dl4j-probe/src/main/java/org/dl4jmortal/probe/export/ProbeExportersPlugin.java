package org.dl4jmortal.probe.export;

import org.dl4jmortal.spi.plugin.AbstractMortalPlugin;
import org.dl4jmortal.spi.plugin.PluginKind;

/** Registers this module's tap exporters: {@code npy}, {@code csv}, {@code dl4j}. */
public final class ProbeExportersPlugin extends AbstractMortalPlugin {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public ProbeExportersPlugin() {
    }

    @Override
    protected void configure() {
        register(PluginKind.EXPORTER, "npy", NpyExporter.class);
        register(PluginKind.EXPORTER, "csv", CsvExporter.class);
        register(PluginKind.EXPORTER, "dl4j", Dl4jDataSetExporter.class);
    }
}
