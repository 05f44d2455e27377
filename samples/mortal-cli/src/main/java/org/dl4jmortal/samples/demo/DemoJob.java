package org.dl4jmortal.samples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.samples.io.AtomicFiles;
import org.dl4jmortal.samples.io.Durations;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.DemoMetrics;
import org.dl4jmortal.samples.report.MetricsWriter;
import org.dl4jmortal.samples.report.Plots;
import org.dl4jmortal.samples.report.ReportWriter;
import org.dl4jmortal.samples.report.PlainNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main job ({@code ./mortal demo}, DESIGN.md §5): load Fashion-MNIST, train the digital MLP
 * ({@link DigitalMlp}), save it as {@value #DIGITAL_FILE}, hand it to the {@link AnalogSteps} (convert, program,
 * save {@value #CHIP_FILE}, evaluate at each time since programming with and without global drift compensation),
 * then write {@value #METRICS_FILE}, {@value #REPORT_FILE} and {@value #PLOT_FILE} and print the drift table.
 * <p>
 * Repeatability: the network seed, the shuffling key and the chip seed all come from {@link DemoConfig#seed()}; the
 * data iterator is synchronous; the number of native threads is fixed by the caller ({@code OMP_NUM_THREADS}, set
 * by the {@code ./mortal} launcher). Same seed and threads, same numbers.
 */
public final class DemoJob {
    /** The trained digital network (DL4J {@link ModelSerializer} zip, with updater state). */
    public static final String DIGITAL_FILE = "digital.zip";
    /** The programmed chip image written by the analog steps. */
    public static final String CHIP_FILE = "chip.zip";
    /** The metrics ({@link DemoMetrics}). */
    public static final String METRICS_FILE = "metrics.json";
    /** The Markdown report. */
    public static final String REPORT_FILE = "report.md";
    /** The drift plot. */
    public static final String PLOT_FILE = "drift.png";
    /** Rows per batch when evaluating. */
    public static final int EVALUATION_BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(DemoJob.class);

    private final DemoConfig config;
    private final AnalogSteps analogSteps;
    private final Progress progress;
    private final PrintStream out;
    private final List<DemoStep> steps;

    /**
     * A demo without optional steps.
     *
     * @param config      the settings
     * @param analogSteps the chip-dependent steps
     * @param progress    where to show progress of training and evaluation
     * @param out         where to print the drift table (standard output on the command line)
     */
    public DemoJob(DemoConfig config, AnalogSteps analogSteps, Progress progress, PrintStream out) {
        this(config, analogSteps, List.of(), progress, out);
    }

    /**
     * @param config      the settings
     * @param analogSteps the chip-dependent steps
     * @param steps       optional steps run after the drift evaluation, in this order, each adding a section to
     *                    the metrics and the report
     * @param progress    where to show progress of training and evaluation
     * @param out         where to print the drift table (standard output on the command line)
     * @throws IllegalArgumentException if two steps would write the same metrics key (found when they run)
     */
    public DemoJob(DemoConfig config, AnalogSteps analogSteps, List<DemoStep> steps, Progress progress,
                   PrintStream out) {
        this.config = Objects.requireNonNull(config, "config");
        this.analogSteps = Objects.requireNonNull(analogSteps, "analogSteps");
        this.steps = List.copyOf(steps);
        this.progress = Objects.requireNonNull(progress, "progress");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Runs the whole job.
     *
     * @param source where the data comes from
     * @param outDir an existing, writable folder (the command line checks it first)
     * @return the metrics and wall time
     * @throws IOException              if data cannot be read (corrupt files: {@code IdxFormatException}) or an
     *                                  output file cannot be written
     * @throws IllegalArgumentException if the config asks for more images per class than the data has
     */
    public DemoResult run(FashionMnist source, Path outDir) throws IOException {
        long start = System.nanoTime();
        LabelledImages train = limit(source.train(), config.trainPerClass());
        LabelledImages test = limit(source.test(), config.testPerClass());
        LOG.info("data {}: {} training, {} test images", source.sourceName(), train.size(), test.size());

        MultiLayerNetwork net = train(train);
        ImageDataSetIterator testIterator = new ImageDataSetIterator(test, EVALUATION_BATCH, false, config.seed());
        double digitalAccuracy = Accuracy.top1(net::output, testIterator);
        out.printf(Locale.ROOT, "digital test accuracy %.4f (%d test images)%n", digitalAccuracy, test.size());

        AtomicFiles.write(outDir.resolve(DIGITAL_FILE), o -> ModelSerializer.writeModel(net, o, true));
        ChipEvaluation chip = analogSteps.convertAndEvaluate(net, testIterator, config.seed(),
                config.timesSeconds(), config.repeats(), outDir.resolve(CHIP_FILE).toFile(), progress);
        DemoMetrics converted = metrics(source, train, test, digitalAccuracy, chip, Map.of());
        printTable(converted, chip.device());

        Map<String, Path> artefacts = new LinkedHashMap<>();
        artefacts.put("digital", outDir.resolve(DIGITAL_FILE));
        artefacts.put("chip", outDir.resolve(CHIP_FILE));
        Map<String, Object> sections = new LinkedHashMap<>();
        List<String> markdown = new ArrayList<>();
        for (DemoStep step : steps) {
            LOG.info("demo step: {}", step.name());
            DemoStepResult r = step.run(new DemoStepContext(config, source, train, test, net, digitalAccuracy,
                    converted.drift(), outDir, artefacts, progress, out));
            if (sections.containsKey(r.key())) {
                throw new IllegalArgumentException("two demo steps write the metrics key '" + r.key() + "'");
            }
            sections.put(r.key(), r.metrics());
            markdown.add(r.markdown());
            artefacts.putAll(r.artefacts());
        }
        DemoMetrics metrics = metrics(source, train, test, digitalAccuracy, chip, sections);

        new MetricsWriter().write(metrics, outDir.resolve(METRICS_FILE));
        Plots.writeDriftPng(metrics, outDir.resolve(PLOT_FILE));
        double wall = (System.nanoTime() - start) / 1e9;
        List<String> files = new ArrayList<>(List.of(METRICS_FILE, PLOT_FILE));
        for (Path p : artefacts.values()) {
            files.add(outDir.relativize(p).toString());
        }
        ReportWriter.Context context = new ReportWriter.Context(chip.device(), trainingLine(), config.repeats(), wall,
                PLOT_FILE, files, markdown);
        new ReportWriter().write(metrics, context, outDir.resolve(REPORT_FILE));
        out.printf(Locale.ROOT, "wrote %s, %s and %s to %s (%.1f s)%n", METRICS_FILE, REPORT_FILE,
                String.join(", ", files.subList(1, files.size())), outDir, wall);
        return new DemoResult(metrics, outDir, wall);
    }

    private static LabelledImages limit(LabelledImages data, int perClass) {
        return perClass == 0 ? data : data.firstPerClass(perClass);
    }

    private MultiLayerNetwork train(LabelledImages train) {
        MultiLayerNetwork net = DigitalMlp.create(config.seed(), config.learningRate());
        ImageDataSetIterator iterator = new ImageDataSetIterator(train, config.batchSize(), true, config.seed());
        long batches = (train.size() + config.batchSize() - 1) / config.batchSize();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            try (Progress.Task task = progress.start("train epoch " + epoch + "/" + config.epochs(), batches)) {
                net.setListeners(new BaseTrainingListener() {
                    @Override
                    public void iterationDone(Model model, int iteration, int epochIndex) {
                        task.step();
                    }
                });
                if (!iterator.hasNext()) {
                    iterator.reset();
                }
                net.fit(iterator);
            }
            LOG.info("epoch {}: score {}", epoch, net.score());
        }
        net.setListeners();
        return net;
    }

    private String trainingLine() {
        return String.format(Locale.ROOT, "MLP %d-%d-%d-%d (ReLU, softmax, cross entropy), Adam learning rate %s, "
                        + "batch %d, %d epochs, seed %d.", DigitalMlp.INPUTS, DigitalMlp.HIDDEN1, DigitalMlp.HIDDEN2,
                DigitalMlp.OUTPUTS, PlainNumber.of(config.learningRate()), config.batchSize(), config.epochs(),
                config.seed());
    }

    private static DemoMetrics metrics(FashionMnist source, LabelledImages train, LabelledImages test,
                                       double digitalAccuracy, ChipEvaluation chip, Map<String, Object> steps) {
        List<DemoMetrics.Drift> rows = DriftPoint.toRows(chip.drift());
        return new DemoMetrics(new DemoMetrics.Dataset("fashion-mnist", train.size(), test.size(),
                source.sourceName()), new DemoMetrics.Digital(digitalAccuracy), rows, steps);
    }

    private void printTable(DemoMetrics metrics, String device) {
        out.printf(Locale.ROOT, "%ntest accuracy on the chip (%s), mean +- std over %d read-noise draws; digital %.4f%n",
                device, config.repeats(), metrics.digital().accuracy());
        out.printf(Locale.ROOT, "%-10s %-18s %-18s%n", "time", "no compensation", "with GDC");
        for (DemoMetrics.Drift r : metrics.drift()) {
            out.printf(Locale.ROOT, "%-10s %.4f +- %.4f    %.4f +- %.4f%n", Durations.label(r.tSeconds()),
                    r.accuracy(), r.accuracyStd(), r.accuracyGdc(), r.accuracyGdcStd());
        }
    }
}
