package org.dl4jmortal.samples.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.analog.chip.ChipInfo;
import org.dl4jmortal.analog.layers.AnalogLayer;
import org.dl4jmortal.samples.chip.ChipAccuracy;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.demo.DigitalMlp;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.MetricsWriter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

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
 *   1 s to 1 year with global drift compensation, beside the plain digital network programmed the same way. Its
 *   {@code seconds} are those of the fine-tuning; its curve continues the digital one (epochs E+1 to E+F).</li>
 * </ul>
 */
public final class TrainJob {
    /** Times of the hardware-aware drift table, seconds since programming. */
    public static final double[] TIMES = {1, 3600, 86400, 2592000, 31536000};

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
        m.put("learning_rate", config.learningRate());
        m.put("learning_rate_decay_per_epoch", config.learningRateDecay());
        m.put("batch", config.batch());
        m.put("seed", config.seed());
        m.put("data", source.sourceName());

        long t0 = System.nanoTime();
        MultiLayerNetwork digital = DigitalMlp.create(config.seed(), DigitalMlp.DEFAULT_LEARNING_RATE);
        List<Double> digitalCurve = fit(digital, train, test, "digital");
        double digitalSeconds = (System.nanoTime() - t0) / 1e9;

        List<Double> curve;
        double seconds;
        AnalogChip chip;
        if (config.mode().equals(TrainConfig.IN_PLACE)) {
            long t1 = System.nanoTime();
            MultiLayerNetwork analog = AnalogMlp.inPlace(config.device(), config.overrides(), config.seed(),
                    config.learningRate(), config.learningRateDecay());
            curve = fit(analog, train, test, "in-place " + config.device());
            seconds = (System.nanoTime() - t1) / 1e9;
            m.put("update_mode", ((AnalogLayer) analog.getLayer(0)).crossbar().updateConfig().modeName());
            m.put("algorithm", ((AnalogLayer) analog.getLayer(0)).crossbar().updateConfig().algorithmName());
            chip = AnalogChip.wrap(analog, new ChipInfo(config.seed(), config.device(), config.overrides(),
                    List.of("hidden1", "hidden2", "output"), List.of(), "mortal train --mode in-place"));
            m.put("accuracy", curve.get(curve.size() - 1));
        } else {
            long t1 = System.nanoTime();
            MultiLayerNetwork hwa = AnalogMlp.hardwareAware(digital, config.seed(), config.weightNoise(),
                    config.hwaLearningRate());
            curve = new EpochTrainer(progress, out).fit(hwa, train, test, config.hwaEpochs(), "hardware-aware");
            seconds = (System.nanoTime() - t1) / 1e9;
            m.put("weight_noise", config.weightNoise());
            m.put("hwa_epochs", config.hwaEpochs());
            m.put("hwa_learning_rate", config.hwaLearningRate());
            AnalogConverter converter = new AnalogConverter(config.device(), config.overrides(), config.seed());
            chip = converter.convert(hwa, "mortal train --mode hardware-aware").chip();
            AnalogChip plain = converter.convert(digital, "mortal train (plain conversion)").chip();
            List<Map<String, Object>> drift = new ArrayList<>();
            for (double t : TIMES) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("t_seconds", (long) t);
                row.put("accuracy_gdc", driftAccuracy(chip, test, t));
                row.put("plain_accuracy_gdc", driftAccuracy(plain, test, t));
                drift.add(row);
                out.printf(Locale.ROOT, "t = %-9.0f s  hardware-aware %.4f   plain %.4f (GDC on)%n", t,
                        (double) row.get("accuracy_gdc"), (double) row.get("plain_accuracy_gdc"));
            }
            chip.setSecondsSinceProgramming(0);
            m.put("drift", drift);
            m.put("accuracy", drift.get(drift.size() - 1).get("accuracy_gdc"));
            m.put("accuracy_at", "1 year after programming, with global drift compensation");
        }
        m.put("digital_accuracy", digitalCurve.get(digitalCurve.size() - 1));
        m.put("seconds", seconds);
        m.put("digital_seconds", digitalSeconds);
        // in place: both networks train for the same epochs; hardware-aware: the fine-tuning follows the digital epochs
        int offset = config.mode().equals(TrainConfig.IN_PLACE) ? 0 : digitalCurve.size();
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (int e = 0; e < Math.max(digitalCurve.size(), offset + curve.size()); e++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e + 1);
            if (e >= offset && e - offset < curve.size()) {
                row.put("accuracy", curve.get(e - offset));
            }
            if (e < digitalCurve.size()) {
                row.put("digital_accuracy", digitalCurve.get(e));
            }
            epochs.add(row);
        }
        m.put("curve", epochs);
        chip.save(outDir.resolve("chip.zip").toFile());
        String label = config.mode().equals(TrainConfig.IN_PLACE)
                ? "in place on " + config.device() + " (" + m.get("algorithm") + ")"
                : "hardware-aware fine-tuning (digital, with weight noise)";
        writeCurves(label, curve, offset, digitalCurve, outDir.resolve("train.png"));
        Map<String, Object> root = Map.of("train", m);
        new MetricsWriter().write(root, outDir.resolve("metrics.json"));
        out.printf(Locale.ROOT, "%s %s%s: accuracy %.4f (digital %.4f), %.0f s (digital %.0f s)%n", config.mode(),
                config.device(), m.containsKey("algorithm") ? " (" + m.get("algorithm") + ")" : "",
                ((Number) m.get("accuracy")).doubleValue(), digitalCurve.get(digitalCurve.size() - 1), seconds,
                digitalSeconds);
        return root;
    }

    private double driftAccuracy(AnalogChip chip, ImageDataSetIterator test, double t) {
        chip.setSecondsSinceProgramming(t);
        chip.setDriftCompensation(true);
        return ChipAccuracy.measure(chip, test, 1, null).mean();
    }

    private List<Double> fit(MultiLayerNetwork net, ImageDataSetIterator train, ImageDataSetIterator test, String name) {
        return new EpochTrainer(progress, out).fit(net, train, test, config.epochs(), name);
    }

    private static void writeCurves(String label, List<Double> analog, int analogOffset, List<Double> digital,
                                    Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Test accuracy per epoch")
                .xAxisTitle("epoch").yAxisTitle("test accuracy").build();
        chart.addSeries(label, epochNumbers(analogOffset, analog.size()),
                analog.stream().mapToDouble(Double::doubleValue).toArray());
        chart.addSeries("digital", epochNumbers(0, digital.size()),
                digital.stream().mapToDouble(Double::doubleValue).toArray());
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
