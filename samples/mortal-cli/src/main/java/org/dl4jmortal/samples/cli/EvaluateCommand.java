package org.dl4jmortal.samples.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.samples.chip.ChipAccuracy;
import org.dl4jmortal.samples.chip.ChipFiles;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.io.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mortal evaluate --chip FILE [--at T] [--data DIR] [--repeats K] [--set k=v]}: test accuracy of a chip as
 * mean and standard deviation over K read-noise draws (default 5).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Test accuracy of a chip: mean and standard deviation over K read-noise draws.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--chip", required = true, paramLabel = "FILE", description = "a chip image (chip.zip)")
    File chipFile;

    @Mixin
    AtOption at;

    @Mixin
    DataOption data;

    @Mixin
    SetOption set;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "5",
            description = "read-noise draws (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--gdc", paramLabel = "on|off|chip", defaultValue = "chip",
            description = "global drift compensation: on, off, or as the chip's parameters say (default)")
    String gdc;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    private final PrintStream out;

    /** As the launcher runs it: results to standard output. */
    public EvaluateCommand() {
        this(System.out);
    }

    /** @param out where results go */
    public EvaluateCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * @return 0
     * @throws UserInputException on a bad chip file, data folder, repeat count or override
     * @throws IOException        if a file cannot be read
     */
    @Override
    public Integer call() throws IOException {
        if (repeats < 1) {
            throw new UserInputException("--repeats must be >= 1, got " + repeats);
        }
        Boolean compensation = switch (gdc) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            case "chip" -> null;
            default -> throw new UserInputException("--gdc must be on, off or chip, got '" + gdc + "'");
        };
        FashionMnist source = data.resolve(FashionMnist.DefaultSource.DEBIAN_IF_PRESENT);
        AnalogChip chip = ChipFiles.open(chipFile, set.values(), at.seconds());
        chip.setDriftCompensation(compensation);
        ImageDataSetIterator test = new ImageDataSetIterator(source.test(), 500, false, 0);
        ChipAccuracy.Spread s;
        Progress progress = quiet ? Progress.silent() : Progress.console();
        try (Progress.Task task = progress.start("evaluate", repeats)) {
            s = ChipAccuracy.measure(chip, test, repeats, task::step);
        }
        out.printf(Locale.ROOT, "chip %s (device %s) at %.0f s since programming, %s test images from %s%n",
                chipFile, chip.info().device(), chip.secondsSinceProgramming(), test.data().size(), source.sourceName());
        List<String> compensated = chip.driftCompensatedLayers();
        out.printf(Locale.ROOT, "global drift compensation: %s%n", compensated.isEmpty() ? "off"
                : "on (" + String.join(", ", compensated) + ")");
        out.printf(Locale.ROOT, "accuracy %.4f +- %.4f over %d read-noise draws%n", s.mean(), s.std(), repeats);
        out.printf(Locale.ROOT, "queries %d, calibration reads %d%n", chip.ledger().queries(),
                chip.ledger().calibrationReads());
        return 0;
    }
}
