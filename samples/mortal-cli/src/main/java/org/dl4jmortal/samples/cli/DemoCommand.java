package org.dl4jmortal.samples.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.samples.train.HardwareAwareDemoStep;
import org.dl4jmortal.samples.train.InPlaceDemoStep;
import org.dl4jmortal.samples.train.TrainConfig;
import org.dl4jmortal.samples.chip.ReconstructionDemoStep;
import org.dl4jmortal.samples.demo.DemoStep;
import org.dl4jmortal.samples.distill.DistillDemoStep;
import org.dl4jmortal.samples.distill.FleetDemoStep;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.demo.AnalogSteps;
import org.dl4jmortal.samples.demo.AnalogStepsLocator;
import org.dl4jmortal.samples.demo.DemoConfig;
import org.dl4jmortal.samples.demo.DemoJob;
import org.dl4jmortal.samples.io.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mortal demo}: the main job on real data ({@link DemoJob}). Checks the output folder first, then the data,
 * then runs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train a digital MLP 784-256-128-10 on Fashion-MNIST, program it into a simulated PCM chip, "
                + "and measure test accuracy at 1 s, 1 h, 1 d, 30 d and 1 y after programming, with and without "
                + "global drift compensation.",
            "Writes metrics.json, report.md, drift.png, digital.zip and chip.zip to the output folder."})
public final class DemoCommand implements Callable<Integer> {
    /** Output folder used without {@code --out}. */
    public static final String DEFAULT_OUT = "out/demo";

    @Mixin
    OutputOption output;
    @Mixin
    DataOption data;
    @Mixin
    SeedOption seed;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "5",
            description = "read-noise draws per time (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--in-place-epochs", paramLabel = "N", defaultValue = "3",
            description = "epochs of the in-place (mortal) training step on soft-bounds devices "
                    + "(default: ${DEFAULT-VALUE})")
    int inPlaceEpochs;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    private final Supplier<AnalogSteps> analogSteps;
    private final PrintStream out;

    /** The command as the launcher runs it: analog steps from {@link AnalogStepsLocator}, table to stdout. */
    public DemoCommand() {
        this(() -> AnalogStepsLocator.find("pcm"), System.out);
    }

    /**
     * @param analogSteps supplies the chip steps (called after the options are checked)
     * @param out         where the table goes
     */
    public DemoCommand(Supplier<AnalogSteps> analogSteps, PrintStream out) {
        this.analogSteps = analogSteps;
        this.out = out;
    }

    /**
     * @return exit status 0
     * @throws UserInputException if the output folder, the data or a number is unusable
     * @throws IOException        if data cannot be read or results written
     */
    @Override
    public Integer call() throws IOException {
        Path outDir = output.prepare(DEFAULT_OUT);
        FashionMnist source = data.resolve(FashionMnist.DefaultSource.EMBEDDED);
        DemoConfig config;
        try {
            config = DemoConfig.builder().seed(seed.seed()).epochs(epochs).repeats(repeats).build();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage().replace("epochs", "--epochs").replace("repeats",
                    "--repeats"));
        }
        AnalogSteps steps = analogSteps.get();
        new DemoJob(config, steps, optionalSteps(), quiet ? Progress.silent() : Progress.console(), out)
                .run(source, outDir);
        return 0;
    }

    /**
     * @return the demo's optional steps after the drift table, in the order they run (a later step may use the
     *         files of an earlier one)
     */
    private List<DemoStep> optionalSteps() {
        List<DemoStep> list = new ArrayList<>();
        list.add(new HardwareAwareDemoStep("pcm", TrainConfig.DEFAULT_WEIGHT_NOISE, TrainConfig.DEFAULT_HWA_EPOCHS,
                TrainConfig.DEFAULT_HWA_LEARNING_RATE));
        list.add(new ReconstructionDemoStep());
        list.add(new InPlaceDemoStep("soft-bounds", Map.of(), inPlaceEpochs, TrainConfig.DEFAULT_LEARNING_RATE,
                TrainConfig.DEFAULT_LEARNING_RATE_DECAY));
        list.add(new DistillDemoStep());
        list.add(new FleetDemoStep());
        return list;
    }
}
