package org.dl4jmortal.spi.plugin;

/**
 * One installed plugin implementation, for listings ({@code ./mortal plugins}).
 *
 * @param kind          extension point name, e.g. {@code "device"}
 * @param name          registered name
 * @param implementation fully qualified implementation class
 * @param plugin        fully qualified {@link MortalPlugin} class that registered it
 * @param version       the plugin's version
 * @param source        the jar (or class folder) the plugin class was loaded from
 * @param description   the implementation's one-line description
 */
public record PluginInfo(String kind, String name, String implementation, String plugin, String version,
                         String source, String description) {
}
