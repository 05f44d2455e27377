package org.dl4jmortal.samples.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.analog.chip.ChipInfo;
import org.dl4jmortal.analog.layers.AnalogLayer;
import org.dl4jmortal.samples.chip.ChipAccuracy;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.demo.DigitalMlp;
import org.dl4jmortal.samples.io.Durations;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.MetricsWriter;
import org.dl4jmortal.samples.report.PlainNumber;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * {@code mortal train}: trains the MLP 784-256-128-10 on Fashion-MNIST in one of two clearly named modes, and the same
 * network digitally for the same epochs (the demo's recipe, {@link DigitalMlp}: Adam 1e-3, so the digital figure is
 * the network's real digital accuracy, not a noisy SGD run), and writes {@code metrics.json}, {@code train.png} and
 * {@code chip.zip}:
 * <ul>
 *   <li>{@code in-place} (mortal): analog layers of a pulsed device trained inside DL4J's {@code fit()} by stochastic
 *   pulses (DESIGN.md §3); no digital copy of the weights exists;</li>
 *   <li>{@code hardware-aware}: the trained digital network, copied and fine-tuned for {@link TrainConfig#hwaEpochs()}
 *   epochs with weight noise relative to the weight range (Rasch et al. 2023) at Adam
 *   {@link TrainConfig#hwaLearningRate()}, then programmed into a chip of the (programmed) device and evaluated from
 *   1 s to 1 year with global drift compensation as the chips' parameters say (on by default; one read-noise draw per
 *   time), beside the plain digital network programmed the same way ({@code chip-plain.zip}). Its {@code seconds}
 *   are those of the fine-tuning; its curve ({@code hwa_accuracy}: the fine-tuned network's own test accuracy,
 *   without noise) continues the digital one (epochs E+1 to E+F).</li>
 * </ul>
 */
public final class TrainJob {
    /** Times of the hardware-aware drift table, seconds since programming. */
    public static final double[] TIMES = {1, 3600, 86400, 2592000, 31536000};
    /** The trained chip: in place, or the hardware-aware network programmed. */
    public static final String CHIP_FILE = "chip.zip";
    /** Hardware-aware mode: the plain digital network programmed the same way, for comparison. */
    public static final String PLAIN_CHIP_FILE = "chip-plain.zip";

    private final TrainConfig config;
    private final Progress progress;
    private final PrintStream out;

    /**
     * @param config   the settings
     * @param progress progress display
     * @param out      where the summary goes
     */
    public TrainJob(TrainConfig config, Progress progress, PrintStream out) {
        this.config = config;
        this.progress = progress;
        this.out = out;
    }

    /**
     * @param source the data
     * @param outDir an existing writable folder
     * @return the metrics written
     * @throws IOException on read or write failure
     */
    public Map<String, Object> run(FashionMnist source, Path outDir) throws IOException {
        ImageDataSetIterator train = new ImageDataSetIterator(source.train(), config.batch(), true, config.seed());
        ImageDataSetIterator test = new ImageDataSetIterator(source.test(), 500, false, 0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", config.device());
        m.put("mode", config.mode());
        m.put("epochs", config.epochs());
        m.put("batch", config.batch());
        m.put("seed", config.seed());
        m.put("data", source.sourceName());
        m.put("overrides", new TreeMap<>(config.overrides()));
        m.put("digital_updater", "Adam");
        m.put("digital_learning_rate", DigitalMlp.DEFAULT_LEARNING_RATE);

        long t0 = System.nanoTime();
        MultiLayerNetwork digital = DigitalMlp.create(config.seed(), DigitalMlp.DEFAULT_LEARNING_RATE);
        List<Double> digitalCurve = fit(digital, train, test, "digital", config.epochs());
        double digitalSeconds = (System.nanoTime() - t0) / 1e9;
        double digitalAccuracy = digitalCurve.get(digitalCurve.size() - 1);

        boolean inPlace = config.mode().equals(TrainConfig.IN_PLACE);
        m.put("digital_accuracy", digitalAccuracy);
        ModeRun run = inPlace ? inPlace(train, test, digitalAccuracy, m)
                : hardwareAware(digital, train, test, digitalAccuracy, outDir, m);
        m.put("seconds", run.seconds());
        m.put("digital_seconds", digitalSeconds);
        // in place: both networks train for the same epochs; hardware-aware: the fine-tuning follows the digital
        // epochs, and its curve is the fine-tuned digital network's own (noise-free) test accuracy
        int offset = inPlace ? 0 : digitalCurve.size();
        String curveKey = inPlace ? "accuracy" : "hwa_accuracy";
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (int e = 0; e < Math.max(digitalCurve.size(), offset + run.curve().size()); e++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e + 1);
            if (e >= offset && e - offset < run.curve().size()) {
                row.put(curveKey, run.curve().get(e - offset));
            }
            if (e < digitalCurve.size()) {
                row.put("digital_accuracy", digitalCurve.get(e));
            }
            epochs.add(row);
        }
        m.put("curve", epochs);
        run.chip().save(outDir.resolve(CHIP_FILE).toFile());
        writeCurves(run.label(), run.curve(), offset, digitalCurve, outDir.resolve("train.png"));
        Map<String, Object> root = Map.of("train", m);
        new MetricsWriter().write(root, outDir.resolve("metrics.json"));
        out.printf(Locale.ROOT, "%s%n", run.summary());
        out.printf(Locale.ROOT, "wrote metrics.json, train.png, %s to %s%n", run.files(), outDir);
        return root;
    }

    /** What one mode produced: its curve, time, chip, chart label, summary line and chip files. */
    private record ModeRun(List<Double> curve, double seconds, AnalogChip chip, String label, String summary,
                           String files) {
    }

    private ModeRun inPlace(ImageDataSetIterator train, ImageDataSetIterator test, double digitalAccuracy,
                            Map<String, Object> m) {
        m.put("learning_rate", config.learningRate());
        m.put("learning_rate_decay_per_epoch", config.learningRateDecay());
        long t1 = System.nanoTime();
        MultiLayerNetwork analog = AnalogMlp.inPlace(config.device(), config.overrides(), config.seed(),
                config.learningRate(), config.learningRateDecay());
        List<Double> curve = fit(analog, train, test, "in-place " + config.device(), config.epochs());
        double seconds = (System.nanoTime() - t1) / 1e9;
        String algorithm = ((AnalogLayer) analog.getLayer(0)).crossbar().updateConfig().algorithmName();
        m.put("update_mode", ((AnalogLayer) analog.getLayer(0)).crossbar().updateConfig().modeName());
        m.put("algorithm", algorithm);
        AnalogChip chip = AnalogChip.wrap(analog, new ChipInfo(config.seed(), config.device(), config.overrides(),
                List.of("hidden1", "hidden2", "output"), List.of(), "mortal train --mode in-place"));
        double accuracy = curve.get(curve.size() - 1);
        m.put("accuracy", accuracy);
        return new ModeRun(curve, seconds, chip, "in place on " + config.device() + " (" + algorithm + ")",
                String.format(Locale.ROOT, "in-place %s (%s): accuracy %.4f (digital %.4f), %.0f s", config.device(),
                        algorithm, accuracy, digitalAccuracy, seconds),
                CHIP_FILE + " (the in-place trained chip)");
    }

    private ModeRun hardwareAware(MultiLayerNetwork digital, ImageDataSetIterator train, ImageDataSetIterator test,
                                  double digitalAccuracy, Path outDir, Map<String, Object> m) throws IOException {
        m.put("weight_noise", config.weightNoise());
        m.put("hwa_epochs", config.hwaEpochs());
        m.put("hwa_learning_rate", config.hwaLearningRate());
        out.printf(Locale.ROOT, "hardware-aware fine-tuning of the digital network: %d epoch%s at Adam %s, "
                + "weight noise %s of each column's max |w|%n", config.hwaEpochs(), config.hwaEpochs() == 1 ? "" : "s",
                PlainNumber.of(config.hwaLearningRate()),
                PlainNumber.of(config.weightNoise()));
        long t1 = System.nanoTime();
        MultiLayerNetwork hwa = AnalogMlp.hardwareAware(digital, config.seed(), config.weightNoise(),
                config.hwaLearningRate());
        List<Double> curve = fit(hwa, train, test, "hardware-aware", config.hwaEpochs());
        double seconds = (System.nanoTime() - t1) / 1e9;
        AnalogConverter converter = new AnalogConverter(config.device(), config.overrides(), config.seed());
        AnalogChip chip = converter.convert(hwa, "mortal train --mode hardware-aware").chip();
        AnalogChip plain = converter.convert(digital, "mortal train (plain conversion)").chip();
        // the chips compensate drift as their parameters say (on by default; --set driftCompensation=0 turns it off)
        boolean gdc = !chip.driftCompensatedLayers().isEmpty();
        String suffix = gdc ? "_gdc" : "";
        String gdcText = gdc ? "with GDC" : "without GDC";
        m.put("drift_compensation", gdc);
        m.put("drift_read_noise_draws", 1);
        List<Map<String, Object>> drift = new ArrayList<>();
        for (double t : TIMES) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t_seconds", (long) t);
            row.put("accuracy" + suffix, accuracyAt(chip, test, t));
            row.put("plain_accuracy" + suffix, accuracyAt(plain, test, t));
            drift.add(row);
            out.printf(Locale.ROOT, "%s after programming: hardware-aware %.4f, plain %.4f (%s)%n",
                    Durations.label(t), (double) row.get("accuracy" + suffix),
                    (double) row.get("plain_accuracy" + suffix), gdcText);
        }
        chip.setSecondsSinceProgramming(0);
        plain.setSecondsSinceProgramming(0);
        plain.save(outDir.resolve(PLAIN_CHIP_FILE).toFile());
        m.put("drift", drift);
        Map<String, Object> last = drift.get(drift.size() - 1);
        double accuracy = (double) last.get("accuracy" + suffix);
        m.put("accuracy", accuracy);
        m.put("accuracy_at", "1 year after programming, " + (gdc ? "with" : "without")
                + " global drift compensation");
        String summary = String.format(Locale.ROOT, "hardware-aware %s: accuracy %.4f at 1 year %s (plain "
                        + "converted %.4f; digital %.4f before programming), fine-tuning %.0f s", config.device(),
                accuracy, gdcText, (double) last.get("plain_accuracy" + suffix), digitalAccuracy, seconds);
        return new ModeRun(curve, seconds, chip, "hardware-aware fine-tuning (weight noise "
                + PlainNumber.of(config.weightNoise()) + ")", summary,
                CHIP_FILE + " (hardware-aware chip), " + PLAIN_CHIP_FILE + " (plainly converted chip)");
    }

    private double accuracyAt(AnalogChip chip, ImageDataSetIterator test, double t) {
        chip.setSecondsSinceProgramming(t);
        return ChipAccuracy.measure(chip, test, 1, null).mean();
    }

    private List<Double> fit(MultiLayerNetwork net, ImageDataSetIterator train, ImageDataSetIterator test, String name,
                             int epochs) {
        return new EpochTrainer(progress, out).fit(net, train, test, epochs, name);
    }

    private static void writeCurves(String label, List<Double> curve, int offset, List<Double> digital, Path file)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Test accuracy per epoch")
                .xAxisTitle("epoch").yAxisTitle("test accuracy").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        // epochs are whole numbers: label only the whole ticks
        chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) ? String.valueOf(Math.round(x)) : "");
        chart.addSeries("digital", epochNumbers(0, digital.size()),
                digital.stream().mapToDouble(Double::doubleValue).toArray());
        // a fine-tuning continues the digital network: its line starts at the digital network's last epoch
        List<Double> ys = new ArrayList<>(curve);
        if (offset > 0) {
            ys.add(0, digital.get(offset - 1));
        }
        chart.addSeries(label, epochNumbers(offset > 0 ? offset - 1 : 0, ys.size()),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        org.dl4jmortal.samples.io.AtomicFiles.write(file, o -> o.write(png));
    }

    private static double[] epochNumbers(int first, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = first + i + 1;
        }
        return x;
    }
}
