package org.dl4jmortal.spi.chip;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A chip fresh from a {@link ChipFactory}: the black-box view ({@link TappedModel}), programming
 * ({@link Programmable}), a clock ({@link SimulatedTime}) and, for pulsed devices, in-place training. As every chip
 * behind the mortal seal (DESIGN.md §2 rule 3), it offers no way to read its weights.
 */
public interface ProgrammableChip extends TappedModel, Programmable, SimulatedTime {

    /**
     * @return the in-place training of this chip, or empty if its devices have no pulse rule (programmed pairs such
     *         as PCM can only be programmed)
     */
    Optional<InPlaceTraining> inPlaceTraining();

    /**
     * Writes the chip's image (a simulator checkpoint, or a real chip's driver-specific record) to a file,
     * atomically.
     *
     * @param file the destination, replaced if present
     * @throws IOException if it cannot be written
     */
    void save(Path file) throws IOException;

    /** @return a one-line description: device, layers, seed */
    String description();
}
