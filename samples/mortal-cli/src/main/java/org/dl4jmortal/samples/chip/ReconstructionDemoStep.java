package org.dl4jmortal.samples.chip;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.probe.reconstruct.LeastSquaresReconstructor;
import org.dl4jmortal.samples.demo.DemoStep;
import org.dl4jmortal.samples.demo.DemoStepContext;
import org.dl4jmortal.samples.demo.DemoStepResult;
import org.dl4jmortal.samples.io.Durations;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.ReconstructionMetrics;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The demo's weight-reconstruction step (issue 6): loads the converted chip (artefact {@code "chip"}), sets its clock
 * to {@link #DEFAULT_AT_SECONDS} after programming, reconstructs it by layer-peeling least squares with a small budget
 * ({@link #DEFAULT_BUDGET} queries, so that the step takes seconds on the embedded data), and reports per-layer
 * errors against the Cramér–Rao bound, the agreement with the chip's noise-free function on the demo's test images,
 * the reconstructed network ({@value ChipReconstruction#NETWORK_FILE}) and the error-against-queries plot
 * ({@value ChipReconstruction#PLOT_FILE}). Metrics key {@value #KEY}.
 */
public final class ReconstructionDemoStep implements DemoStep {
    /** The metrics key of this step. */
    public static final String KEY = "reconstruct";
    /** Default queries: about 25 per unknown of the widest unit (785), a few seconds of chip time. */
    public static final long DEFAULT_BUDGET = 20_000;
    /** Default time since programming at which the chip is reconstructed: one day. */
    public static final double DEFAULT_AT_SECONDS = Durations.DAY;

    private final long budget;
    private final double atSeconds;

    /** The demo's default: {@value #DEFAULT_BUDGET} queries, one day after programming. */
    public ReconstructionDemoStep() {
        this(DEFAULT_BUDGET, DEFAULT_AT_SECONDS);
    }

    /**
     * @param budget    queries to spend, {@code > 0}
     * @param atSeconds time since programming, seconds, {@code >= 0}
     * @throws IllegalArgumentException if a value is out of range
     */
    public ReconstructionDemoStep(long budget, double atSeconds) {
        if (budget <= 0) {
            throw new IllegalArgumentException("reconstruction budget must be > 0 queries, got " + budget);
        }
        if (!(atSeconds >= 0) || !Double.isFinite(atSeconds)) {
            throw new IllegalArgumentException("time since programming must be finite and >= 0 s, got " + atSeconds);
        }
        this.budget = budget;
        this.atSeconds = atSeconds;
    }

    @Override
    public String name() {
        return "weight reconstruction";
    }

    /**
     * @throws IOException              if the chip cannot be read or a file written
     * @throws IllegalStateException    if no earlier step wrote the chip
     * @throws IllegalArgumentException if the budget is too small for the chip (the message says how many queries
     *                                  are needed)
     */
    @Override
    public DemoStepResult run(DemoStepContext context) throws IOException {
        AnalogChip chip = AnalogChip.load(context.artefact("chip").toFile());
        chip.setSecondsSinceProgramming(atSeconds);
        INDArray test = context.test().features(IntStream.range(0, context.test().size()).toArray());
        ChipReconstruction.Result result;
        try (Progress.Task task = context.progress().start("weight reconstruction", 1)) {
            result = ChipReconstruction.run(chip, new LeastSquaresReconstructor(),
                    ReconstructionRequest.builder().budget(budget).seed(context.config().seed()), false, test);
            task.step();
        }
        Path network = context.outDir().resolve(ChipReconstruction.NETWORK_FILE);
        Path plot = context.outDir().resolve(ChipReconstruction.PLOT_FILE);
        ChipReconstruction.writeNetwork(result, network);
        boolean plotted = ChipReconstruction.writePlot(result, plot).isEmpty();
        ReconstructionMetrics m = result.metrics();
        context.out().printf(Locale.ROOT, "weight reconstruction at %s: %d queries, %.1f s, agreement %.4f%n",
                Durations.label(atSeconds), m.queries(), m.seconds(), m.agreement());
        return new DemoStepResult(KEY, m, markdown(m, plotted),
                plotted ? Map.of("reconstructed", network, "reconstruct-plot", plot) : Map.of("reconstructed", network));
    }

    static String markdown(ReconstructionMetrics m, boolean plotted) {
        StringBuilder md = new StringBuilder("## Weight reconstruction\n\n");
        md.append(String.format(Locale.ROOT, "The chip, %s after programming, rebuilt as an ordinary DL4J network by %s "
                        + "layer peeling from %,d queries (rows sent) in %.1f s (DESIGN.md §4). `rel_error` is the true "
                        + "relative weight error (evaluation oracle), `crlb_rel_error` the error the Cramér–Rao bound of the "
                        + "probe design predicts from the chip's true noise; dead ReLU units are left out.\n\n",
                Durations.label(m.atSeconds()), m.method(), m.queries(), m.seconds()));
        md.append("| layer | rel_error | crlb_rel_error | ratio | dead units | queries |\n|---|---:|---:|---:|---:|---:|\n");
        for (ReconstructionMetrics.Layer l : m.layers()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %d |\n", l.name(), number(l.relError()),
                    number(l.crlbRelError()), l.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", l.ratio()),
                    l.deadUnits(), l.queries()));
        }
        if (m.agreement() != null) {
            md.append(String.format(Locale.ROOT, "\nTop-1 agreement with the chip's noise-free function on %d test "
                    + "images: **%.4f**.\n", m.testImages(), m.agreement()));
        }
        if (plotted) {
            md.append("\n![error against queries with the Cramér–Rao bound](").append(ChipReconstruction.PLOT_FILE)
                    .append(")\n");
        }
        return md.toString();
    }

    private static String number(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
