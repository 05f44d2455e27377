package org.dl4jmortal.samples.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.samples.chip.ChipFiles;
import org.dl4jmortal.samples.chip.ChipReconstruction;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.samples.report.MetricsWriter;
import org.dl4jmortal.samples.report.ReconstructionMetrics;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginException;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.dl4jmortal.spi.reconstruct.WeightReconstructor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.dl4jmortal.samples.io.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mortal reconstruct --chip FILE [--at T] --method finite-difference|least-squares [--budget Q]
 * [--target-error E] [--data DIR] [--out DIR]}: rebuilds an equivalent DL4J network from a chip by probing it
 * (issue 6, DESIGN.md §4) and writes {@value ChipReconstruction#NETWORK_FILE}, {@code metrics.json}
 * ({@code {"reconstruct": ...}}, see {@link ReconstructionMetrics}) and {@value ChipReconstruction#PLOT_FILE} (error
 * against queries with the Cramér–Rao bound beside it). This is an evaluation run ({@link ChipReconstruction}): the
 * chip's evaluation oracle supplies the bound's true noise, the true weights and the noise-free function for the
 * agreement; the reconstructor sees only queries and taps.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Reconstruct a chip's weights by probing its taps; writes reconstructed.zip, metrics.json and "
                + "reconstruct.png.")
public final class ReconstructCommand implements Callable<Integer> {
    /** Output folder used without {@code --out}. */
    public static final String DEFAULT_OUT = "out/reconstruct";

    /** Test images for the agreement, {@code [n, inputSize]} in the chip's input units (tests of small chips). */
    @FunctionalInterface
    public interface TestImages {
        /**
         * @param limit most rows to return
         * @return the images {@code [n, inputSize]}
         * @throws IOException if they cannot be read
         */
        INDArray load(int limit) throws IOException;
    }

    @Option(names = "--chip", required = true, paramLabel = "FILE", description = "a chip image (chip.zip)")
    File chipFile;

    @Mixin
    AtOption at;

    @Mixin
    SetOption set;

    @Mixin
    DataOption data;

    @Mixin
    OutputOption output;

    @Mixin
    SeedOption seed;

    @Option(names = "--method", defaultValue = "least-squares", paramLabel = "NAME",
            description = "reconstructor plugin: least-squares or finite-difference (default: ${DEFAULT-VALUE}); "
                    + "see `mortal plugins`")
    String method;

    @Option(names = "--budget", defaultValue = "0", paramLabel = "Q",
            description = "most queries (rows sent, repeats included); 0 = the method's default")
    long budget;

    @Option(names = "--target-error", paramLabel = "E",
            description = "target relative weight error per layer, in (0, 1); the queries are chosen to reach it")
    Double targetError;

    @Option(names = "--taps", defaultValue = "all", paramLabel = "all|post",
            description = "taps the method may read: all, or post (a chip read only after its activations)")
    String taps;

    @Option(names = "--design", defaultValue = "rademacher", paramLabel = "rademacher|hadamard",
            description = "least-squares probe design (default: ${DEFAULT-VALUE})")
    String design;

    @Option(names = "--differences", defaultValue = "forward", paramLabel = "forward|central",
            description = "finite differences: forward ((nIn + 1) probes) or central (2 nIn) (default: ${DEFAULT-VALUE})")
    String differences;

    @Option(names = "--repeats", defaultValue = "0", paramLabel = "R",
            description = "reads of every probe row; 0 = chosen by the method (default)")
    int repeats;

    @Option(names = "--amplitude", defaultValue = "1.0", paramLabel = "A",
            description = "probe amplitude in input units (default: ${DEFAULT-VALUE})")
    double amplitude;

    @Option(names = "--step", defaultValue = "0", paramLabel = "H",
            description = "finite-difference step in input units; 0 = chosen by the method (default)")
    double step;

    @Option(names = "--ridge", defaultValue = "0", paramLabel = "LAMBDA",
            description = "ridge parameter relative to the mean diagonal of X^T X (biased; default 0 = none)")
    double ridge;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--test-images", defaultValue = "10000", paramLabel = "N",
            description = "test images used for the agreement (default: ${DEFAULT-VALUE}, or all there are)")
    int testImages;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final TestImages images;

    /** As the launcher runs it: test images from {@code --data}, results to standard output. */
    public ReconstructCommand() {
        this(System.out, null);
    }

    /**
     * @param out    where the summary goes
     * @param images test images to use instead of {@code --data} (for chips whose input is not a Fashion-MNIST
     *               image), or null
     */
    public ReconstructCommand(PrintStream out, TestImages images) {
        this.out = out;
        this.images = images;
    }

    /**
     * @return 0
     * @throws UserInputException if an option, the chip file or the data is unusable, or the reconstruction refuses
     *                            the request (budget too small, missing taps, target below the bound, saturated
     *                            probes; the message says what is needed)
     * @throws IOException        if a file cannot be read or written
     */
    @Override
    public Integer call() throws IOException {
        Path dir = output.prepare(DEFAULT_OUT);
        boolean postOnly = switch (taps) {
            case "all" -> false;
            case "post" -> true;
            default -> throw new UserInputException("--taps must be all or post, got '" + taps + "'");
        };
        WeightReconstructor reconstructor;
        try {
            reconstructor = MortalRegistry.global().get(PluginKind.RECONSTRUCTOR, method);
        } catch (PluginException e) {
            throw new UserInputException("--method " + method + ": " + e.getMessage());
        }
        ReconstructionRequest.Builder request = request();
        AnalogChip chip = ChipFiles.open(chipFile, set.values(), at.seconds());
        INDArray x = testImages();
        ChipReconstruction.Result result;
        Progress progress = quiet ? Progress.silent() : Progress.console();
        try (Progress.Task task = progress.start("reconstruct " + method + " (queries)", budget > 0 ? budget : -1)) {
            result = ChipReconstruction.run(chip, reconstructor, request, postOnly, x, task);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("reconstruct --chip " + chipFile + ": " + e.getMessage());
        }
        ChipReconstruction.writeNetwork(result, dir.resolve(ChipReconstruction.NETWORK_FILE));
        new MetricsWriter().write(Map.of("reconstruct", result.metrics()), dir.resolve("metrics.json"));
        java.util.Optional<String> noPlot = ChipReconstruction.writePlot(result, dir.resolve(ChipReconstruction.PLOT_FILE));
        print(result.metrics(), dir, noPlot.orElse(null));
        warnAboutTarget(result.metrics());
        return 0;
    }

    /** Warns on standard error about every layer whose estimated error is above {@code --target-error}. */
    private void warnAboutTarget(ReconstructionMetrics m) {
        if (m.targetError() == null) {
            return;
        }
        for (ReconstructionMetrics.Layer l : m.layers()) {
            if (m.targetMissed().contains(l.name())) {
                Double e = l.estimatedRelError() != null ? l.estimatedRelError() : l.crlbRelError();
                spec.commandLine().getErr().printf(Locale.ROOT, "warning: layer '%s' did not reach --target-error "
                                + "%.3g: its estimated relative error is %.3g (Cramer-Rao bound %s); raise --budget or "
                                + "the target%n", l.name(), m.targetError(), e, number(l.crlbRelError()));
            }
        }
        spec.commandLine().getErr().flush();
    }

    private ReconstructionRequest.Builder request() {
        if (testImages < 1) {
            throw new UserInputException("--test-images must be >= 1, got " + testImages);
        }
        if (targetError != null && !Double.isFinite(targetError)) {
            throw new UserInputException("--target-error must be a finite relative error in (0, 1), got "
                    + targetError);
        }
        try {
            ReconstructionRequest.Builder b = ReconstructionRequest.builder().budget(budget).seed(seed.seed())
                    .design(parse(ReconstructionRequest.Design.class, design, "--design"))
                    .differences(parse(ReconstructionRequest.Differences.class, differences, "--differences"));
            b.repeats(repeats);
            b.amplitude(amplitude);
            b.step(step);
            b.ridge(ridge);
            if (targetError != null) {
                b.targetError(targetError);
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw e instanceof UserInputException u ? u : new UserInputException(e.getMessage()
                    .replace("budget must", "--budget must").replace("target error must", "--target-error must")
                    .replace("repeats must", "--repeats must").replace("probe amplitude must", "--amplitude must")
                    .replace("finite-difference step must", "--step must").replace("ridge must", "--ridge must"));
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new UserInputException(option + " '" + text + "' is not known; use one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }

    private INDArray testImages() throws IOException {
        if (images != null) {
            return images.load(testImages);
        }
        LabelledImages test = data.resolve(FashionMnist.DefaultSource.DEBIAN_IF_PRESENT).test();
        return test.features(IntStream.range(0, Math.min(testImages, test.size())).toArray());
    }

    private void print(ReconstructionMetrics m, Path dir, String noPlot) {
        out.printf(Locale.ROOT, "reconstruct %s: %d queries, %.1f s, chip at %.0f s since programming%n", m.method(),
                m.queries(), m.seconds(), m.atSeconds());
        out.printf(Locale.ROOT, "%-10s %12s %14s %8s %6s %10s%n", "layer", "rel_error", "crlb_rel_error", "ratio",
                "dead", "queries");
        for (ReconstructionMetrics.Layer l : m.layers()) {
            out.printf(Locale.ROOT, "%-10s %12s %14s %8s %6d %10d%n", l.name(), number(l.relError()),
                    number(l.crlbRelError()), l.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", l.ratio()),
                    l.deadUnits(), l.queries());
        }
        if (m.agreement() != null) {
            out.printf(Locale.ROOT, "agreement with the noise-free chip on %d test images: %.4f%n", m.testImages(),
                    m.agreement());
        }
        out.println("wrote " + ChipReconstruction.NETWORK_FILE + ", metrics.json"
                + (noPlot == null ? " and " + ChipReconstruction.PLOT_FILE : "") + " to " + dir);
        if (noPlot != null) {
            out.println("no " + ChipReconstruction.PLOT_FILE + ": " + noPlot);
        }
    }

    private static String number(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
