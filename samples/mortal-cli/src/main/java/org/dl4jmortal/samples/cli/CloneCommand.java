package org.dl4jmortal.samples.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.hwa.HardwareAwareFineTuning;
import org.dl4jmortal.analog.hwa.HardwareAwareWeightNoise;
import org.dl4jmortal.distill.FleetRun;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.fleet.CloneResult;
import org.dl4jmortal.distill.fleet.FleetReport;
import org.dl4jmortal.distill.fleet.FleetSettings;
import org.dl4jmortal.distill.student.MlpSpec;
import org.dl4jmortal.distill.transfer.TransferSpec;
import org.dl4jmortal.samples.chip.ChipFiles;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.distill.DistillData;
import org.dl4jmortal.samples.distill.DistillPlots;
import org.dl4jmortal.samples.distill.ProgressListener;
import org.dl4jmortal.samples.distill.Students;
import org.dl4jmortal.samples.io.AtomicFiles;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.MetricsWriter;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.TransferSet;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mortal clone}: distils a chip once into a digital network of its shape ({@code kd}, hardware-aware: with
 * weight noise while it trains, by default 0.05 of each column's max |w|), programs N fresh chips
 * from it and measures each against the original (issue 5, DESIGN.md §4 "Clones and fleets"). Writes
 * {@code metrics.json} ({@code {"clones":[{"seed","agreement","accuracy","agreement_1d",...}],"fleet":{...},
 * "distill":{...}}}), {@code student.zip} (the digital network) and {@code clones.png}.
 */
@Command(name = "clone", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Clone a chip into a fleet: distil once (kd), program N fresh chips, measure each.",
            "Each clone is a fresh chip of --device (default pcm: programming noise and drift) with its own seed,",
            "programmed from the digital network distilled from the original (kd, T = 4, 10 epochs, Adam 1e-3 x0.8 per",
            "epoch, weight noise 0.05 of each column's max |w| while training (hardware-aware), on the training images",
            "without labels, the original queried once per row), optionally fine-tuned",
            "in place on the original's recorded outputs (pulsed devices only). Agreement: one pass of each clone at",
            "1 s and 1 day after programming, against the original's majority over K = 5 passes on the test images.",
            "Writes metrics.json, student.zip and clones.png (and clone-I.zip with --save-clones)."})
public final class CloneCommand implements Callable<Integer> {
    /** Output folder used without {@code --out}. */
    public static final String DEFAULT_OUT = "out/clone";

    @Option(names = "--chip", required = true, paramLabel = "FILE", description = "the original: a chip image")
    File chipFile;

    @Mixin
    AtOption at;

    @Option(names = "--n", defaultValue = "10", paramLabel = "N", description = "clones (default: ${DEFAULT-VALUE})")
    int clones;

    @Option(names = "--device", defaultValue = FleetSettings.DEFAULT_DEVICE, paramLabel = "NAME",
            description = "device model of the clones (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--fine-tune-epochs", defaultValue = "0", paramLabel = "E",
            description = "in-place fine-tuning epochs of each clone against the original, 0 = none; needs a pulsed "
                    + "device (default: ${DEFAULT-VALUE})")
    int fineTuneEpochs;

    @Option(names = "--fine-tune-lr", defaultValue = "0.001", paramLabel = "LR",
            description = "in-place fine-tuning SGD learning rate, x0.8 per epoch (default: ${DEFAULT-VALUE})")
    double fineTuneLearningRate;

    @Option(names = "--transfer", defaultValue = "unlabelled", paramLabel = "SET",
            description = "transfer set of the distillation, as for distill (default: ${DEFAULT-VALUE}: the training "
                    + "images without their labels, so that the copy follows the original also where it errs)")
    String transfer;

    @Mixin
    KdOptions kd;

    @Mixin
    MajorityReferenceOptions reference;

    @Option(names = "--weight-noise", defaultValue = "0.05", paramLabel = "S",
            description = "hardware-aware distillation: weight noise with std S times each column's max |w| while the "
                    + "digital network trains (Rasch et al. 2023), so that its clones survive programming noise and "
                    + "drift; 0 = none (default: ${DEFAULT-VALUE})")
    double weightNoise;

    @Option(names = "--save-clones", description = "also write each clone's chip image, clone-I.zip")
    boolean saveClones;

    @Mixin
    DataOption data;
    @Mixin
    OutputOption output;
    @Mixin
    SeedOption seed;
    @Mixin
    SetOption set;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    private final PrintStream out;

    /** As the launcher runs it: results to standard output. */
    public CloneCommand() {
        this(System.out);
    }

    /** @param out where results go */
    public CloneCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * @return 0
     * @throws UserInputException on a bad option value, chip, device, data folder or transfer set
     * @throws IOException        if data cannot be read or results written
     */
    @Override
    public Integer call() throws IOException {
        int passes = reference.passes();
        FleetSettings fleet;
        DistillationSettings settings;
        TransferSpec spec;
        try {
            fleet = new FleetSettings(clones, device, set.values(), seed.seed(), fineTuneEpochs, fineTuneLearningRate,
                    FleetSettings.DEFAULT_FINE_TUNE_DECAY);
            settings = kd.settings().seed(seed.seed()).build();
            spec = TransferSpec.parse(transfer);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(KdOptions.optionNames(e.getMessage())
                    .replace("a fleet needs N", "--n: a fleet needs N"));
        }
        ChipFactory factory = MortalRegistry.global().get(PluginKind.CHIP_FACTORY, Students.FACTORY);
        if (!factory.devices().contains(device)) {
            throw new UserInputException("--device '" + device + "' is not installed; devices: " + factory.devices());
        }
        Path outDir = output.prepare(DEFAULT_OUT);
        FashionMnist source = data.resolve(FashionMnist.DefaultSource.DEBIAN_IF_PRESENT);
        AnalogChip teacher = ChipFiles.open(chipFile, Map.of(), at.seconds());
        EvaluationSet eval = DistillData.evaluation(source.test(), reference.testImages());
        MultiLayerNetwork digital = MlpSpec.like(teacher).digital(seed.seed(), Students.DIGITAL_LEARNING_RATE,
                Students.DIGITAL_DECAY);
        if (weightNoise != 0) {
            try {
                digital = HardwareAwareFineTuning.copyWithWeightNoise(digital,
                        new HardwareAwareWeightNoise(weightNoise, seed.seed()), null);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--weight-noise: " + e.getMessage());
            }
        }
        Progress progress = quiet ? Progress.silent() : Progress.console();
        FleetReport report;
        try {
            TransferSet transferSet = DistillData.transfer(spec, source.train(), teacher.inputSize(), seed.seed(),
                    List.of());
            report = FleetRun.run(teacher, digital, transferSet, settings, eval, passes, factory, fleet,
                    new ProgressListener(progress, out, "kd", settings.epochs()), (i, chip) -> {
                        if (saveClones) {
                            try {
                                chip.save(outDir.resolve("clone-" + i + ".zip"));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        MultiLayerNetwork plain = HardwareAwareFineTuning.copyWithWeightNoise(digital, null, null);
        AtomicFiles.write(outDir.resolve("student.zip"), o -> ModelSerializer.writeModel(plain, o, false));
        Map<String, Object> root = new LinkedHashMap<>(report.toMap());
        @SuppressWarnings("unchecked") Map<String, Object> fleetSection = (Map<String, Object>) root.get("fleet");
        fleetSection.put("data", source.sourceName());
        fleetSection.put("chip", chipFile.getAbsolutePath());
        fleetSection.put("weight_noise", weightNoise);
        new MetricsWriter().write(root, outDir.resolve("metrics.json"));
        DistillPlots.writeCloneBars(report, outDir.resolve("clones.png"));
        for (CloneResult c : report.clones()) {
            out.printf(Locale.ROOT, "clone %d (seed %d): agreement %.4f at 1 s, %.4f at 1 day; accuracy %.4f, %.4f%n",
                    c.index(), c.seed(), c.at1s().agreement(), c.at1d().agreement(), c.at1s().accuracy(),
                    c.at1d().accuracy());
        }
        out.printf(Locale.ROOT, "fleet of %d %s clones: mean agreement %.4f (worst %.4f) at 1 s, %.4f (worst %.4f) at 1 "
                        + "day; digital %.4f, original self-agreement %.4f; %d queries -> %s%n", clones, device,
                report.meanAgreement(), report.worstAgreement(), report.meanAgreement1d(), report.worstAgreement1d(),
                report.distill().fidelity().agreement(), report.distill().reference().selfAgreement(),
                report.queries(), outDir);
        return 0;
    }
}
