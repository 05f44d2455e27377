package org.dl4jmortal.analog.chip;

import org.dl4jmortal.spi.plugin.AbstractMortalPlugin;
import org.dl4jmortal.spi.plugin.PluginKind;

/**
 * Registers the chip factory {@code simulated} ({@link SimulatedChipFactory}) under {@link PluginKind#CHIP_FACTORY}.
 * Listed in {@code META-INF/services/org.dl4jmortal.spi.plugin.MortalPlugin}.
 */
public final class ChipFactoryPlugin extends AbstractMortalPlugin {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public ChipFactoryPlugin() {
    }

    @Override
    protected void configure() {
        register(PluginKind.CHIP_FACTORY, SimulatedChipFactory.NAME, SimulatedChipFactory.class);
    }
}
