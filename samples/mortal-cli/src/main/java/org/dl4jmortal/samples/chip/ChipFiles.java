package org.dl4jmortal.samples.chip;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalDouble;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.samples.cli.ChipLoader;
import org.dl4jmortal.samples.cli.UserInputException;
import org.dl4jmortal.spi.chip.TappedModel;

/**
 * Loads chip images for the command line: {@code --chip FILE}, then {@code --set} overrides and {@code --at}. Also
 * the {@link ChipLoader} the taps command finds with {@link java.util.ServiceLoader}.
 */
public class ChipFiles implements ChipLoader {

    /** For ServiceLoader. */
    public ChipFiles() {
    }

    @Override
    public TappedModel load(File file) throws IOException {
        return open(file, Map.of(), OptionalDouble.empty());
    }

    /**
     * @param file      a {@code chip.zip}
     * @param overrides device and periphery overrides ({@code --set}); unknown keys are rejected listing the known ones
     * @param at        time since programming ({@code --at}); empty keeps the saved clock
     * @return the chip
     * @throws IOException        if the file cannot be read
     * @throws UserInputException if the file is missing, a directory, not a chip, or damaged (the message names the
     *                            file and the entry that cannot be read), an override is invalid, or the time is
     *                            negative
     */
    public static AnalogChip open(File file, Map<String, Double> overrides, OptionalDouble at) throws IOException {
        AnalogChip chip;
        try {
            chip = AnalogChip.load(file);
            if (!overrides.isEmpty()) {
                chip = chip.reconfigured(overrides);
            }
            if (at.isPresent()) {
                chip.setSecondsSinceProgramming(at.getAsDouble());
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--chip " + file + ": " + (e.getMessage() == null
                    ? "cannot be loaded as a chip image (" + e.getClass().getSimpleName() + ")" : e.getMessage()));
        } catch (RuntimeException e) {
            // a damaged file that the chip reader did not recognise: never a stack trace or "null"
            throw new UserInputException("--chip " + file + ": cannot be loaded as a chip image ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return chip;
    }
}
