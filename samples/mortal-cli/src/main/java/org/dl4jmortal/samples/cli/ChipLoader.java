package org.dl4jmortal.samples.cli;

import java.io.File;
import java.io.IOException;
import org.dl4jmortal.spi.chip.TappedModel;

/**
 * Opens a chip file for the command line ({@code --chip FILE}). Implemented by the analog module's chip; found
 * with {@link java.util.ServiceLoader} ({@code META-INF/services/org.dl4jmortal.samples.cli.ChipLoader}) when a
 * command is not given one explicitly.
 */
public interface ChipLoader {

    /**
     * @param file a chip file
     * @return the chip as the black-box view the probe uses
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the file is not a chip (the message names the file and says what it is)
     */
    TappedModel load(File file) throws IOException;
}
