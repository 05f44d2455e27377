package org.dl4jmortal.spi.chip;

import java.util.Set;
import org.dl4jmortal.spi.plugin.NamedPlugin;

/**
 * Makes fresh chips (DESIGN.md §4 "Clones and fleets": a network distilled into a digital model, whose weights are
 * now readable, is programmed into N fresh chips through {@link Programmable}). A simulator registers one under
 * {@link org.dl4jmortal.spi.plugin.PluginKind#CHIP_FACTORY}; a driver for real hardware would hand out blank chips
 * the same way. Copy-out code (dl4j-distill) sees chips only through this contract.
 */
public interface ChipFactory extends NamedPlugin {

    /** @return the device model names this factory can build chips of */
    Set<String> devices();

    /**
     * Builds a fresh chip: devices drawn from the design's seed (device-to-device variation, faults), initial
     * weights programmed from a seeded initialisation, clock at zero seconds since programming, empty ledger.
     *
     * @param design the layers, device, overrides and seed
     * @return the chip
     * @throws IllegalArgumentException if the device is unknown (lists {@link #devices()}), an override is unknown
     *                                  or out of range, or an activation is not supported (lists the supported ones)
     */
    ProgrammableChip create(ChipDesign design);
}
