package org.dl4jmortal.samples.distill;

import java.io.IOException;
import java.nio.file.Path;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.samples.demo.DemoStepContext;

/**
 * The chip the demo's distillation steps copy: the in-place trained chip (artefact {@value #IN_PLACE}) when an earlier
 * step wrote one, else the converted chip (artefact {@value #CONVERTED}), used {@value #AT_SECONDS} seconds (one day)
 * after programming.
 */
final class DemoTeacher {
    /** Artefact key of the in-place trained chip. */
    static final String IN_PLACE = "chip-inplace";
    /** Artefact key of the converted chip. */
    static final String CONVERTED = "chip";
    /** Time since programming at which the teacher is used: one day. */
    static final double AT_SECONDS = 86_400;

    private DemoTeacher() {
    }

    /** @return the file of the teacher chip */
    static Path file(DemoStepContext context) {
        return context.artefacts().containsKey(IN_PLACE) ? context.artefact(IN_PLACE) : context.artefact(CONVERTED);
    }

    /**
     * @param context the demo step's context
     * @return the teacher chip, its clock at one day
     * @throws IOException if the chip cannot be read
     */
    static AnalogChip load(DemoStepContext context) throws IOException {
        AnalogChip chip = AnalogChip.load(file(context).toFile());
        chip.setSecondsSinceProgramming(AT_SECONDS);
        return chip;
    }
}
