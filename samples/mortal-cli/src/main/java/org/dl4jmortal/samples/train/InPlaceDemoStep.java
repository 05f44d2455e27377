package org.dl4jmortal.samples.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.ChipInfo;
import org.dl4jmortal.analog.layers.AnalogLayer;
import org.dl4jmortal.analog.update.UpdateConfig;
import org.dl4jmortal.samples.chip.ChipDriftTable;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.demo.DemoJob;
import org.dl4jmortal.samples.demo.DemoStep;
import org.dl4jmortal.samples.demo.DemoStepContext;
import org.dl4jmortal.samples.demo.DemoStepResult;
import org.dl4jmortal.samples.demo.DriftPoint;
import org.dl4jmortal.samples.report.DemoMetrics;
import org.dl4jmortal.samples.report.DriftTableMarkdown;
import org.dl4jmortal.samples.report.PlainNumber;

/**
 * The demo's in-place (mortal) training step (issue 3): the MLP 784-256-128-10 trained in place on a pulsed device
 * ({@link AnalogMlp#inPlace}), saved as {@value #CHIP_FILE} (artefact key {@value #ARTEFACT}), with its drift table.
 * Metrics key {@code in_place}.
 */
public final class InPlaceDemoStep implements DemoStep {
    /** The trained chip's file. */
    public static final String CHIP_FILE = "chip-inplace.zip";
    /** The artefact key later steps (distillation) use to find the chip. */
    public static final String ARTEFACT = "chip-inplace";

    /**
     * Read-noise draws per time of the in-place chip's drift table (at most): pulsed devices do not drift, so the
     * table mostly shows the read-noise spread and two draws keep the demo short.
     */
    public static final int DRIFT_REPEATS = 2;

    private final String device;
    private final int epochs;
    private final double learningRate;
    private final double learningRateDecay;
    private final Map<String, Double> overrides;

    /**
     * @param device            a pulsed device name, e.g. {@code soft-bounds}
     * @param overrides         device, periphery and update parameter overrides (may be empty)
     * @param epochs            in-place epochs, {@code >= 1}
     * @param learningRate      SGD learning rate, {@code > 0}
     * @param learningRateDecay factor per epoch in {@code (0, 1]}
     * @throws IllegalArgumentException if a number is out of range
     */
    public InPlaceDemoStep(String device, Map<String, Double> overrides, int epochs, double learningRate,
                           double learningRateDecay) {
        if (epochs < 1) {
            throw new IllegalArgumentException("in-place epochs must be >= 1, got " + epochs);
        }
        if (!(learningRate > 0) || !(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("need learning rate > 0 and decay in (0, 1], got " + learningRate
                    + " and " + learningRateDecay);
        }
        this.device = device;
        this.overrides = Map.copyOf(overrides);
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.learningRateDecay = learningRateDecay;
    }

    @Override
    public String name() {
        return "in-place training (" + device + ")";
    }

    @Override
    public DemoStepResult run(DemoStepContext context) throws IOException {
        long seed = context.config().seed();
        ImageDataSetIterator train = new ImageDataSetIterator(context.train(), context.config().batchSize(), true,
                seed);
        ImageDataSetIterator test = new ImageDataSetIterator(context.test(), DemoJob.EVALUATION_BATCH, false, seed);
        long start = System.nanoTime();
        MultiLayerNetwork net = AnalogMlp.inPlace(device, overrides, seed, learningRate, learningRateDecay);
        List<Double> curve = new EpochTrainer(context.progress(), context.out()).fit(net, train, test, epochs,
                "in-place " + device);
        double seconds = (System.nanoTime() - start) / 1e9;
        UpdateConfig update = ((AnalogLayer) net.getLayer(0)).crossbar().updateConfig();
        String mode = update.modeName();
        String algorithm = update.algorithmName();
        AnalogChip chip = AnalogChip.wrap(net, new ChipInfo(seed, device, overrides,
                List.of("hidden1", "hidden2", "output"), List.of(), "mortal demo (in-place training)"));
        Path file = context.outDir().resolve(CHIP_FILE);
        chip.save(file.toFile());
        List<DemoMetrics.Drift> drift = DriftPoint.toRows(ChipDriftTable.measure(chip, test,
                context.config().timesSeconds(), Math.min(DRIFT_REPEATS, context.config().repeats()),
                context.progress(), "in-place chip drift"));
        Section section = new Section(device, algorithm, mode, epochs, learningRate, learningRateDecay,
                curve.get(curve.size() - 1), curve, seconds, drift);
        String md = "## In-place (mortal) training\n\n" + String.format(Locale.ROOT,
                "The same MLP trained in place on `%s` devices (published defaults) by %s: learning rate %s decaying "
                        + "by %s per epoch, batch %d, %d epochs, %s pulse trains; no digital copy of the weights exists. "
                        + "Test accuracy after training: **%.4f** (%.0f s). Chip: `%s`.%n%n", device,
                algorithm.equals("tiki-taka") ? "Tiki-Taka (gradient pulses onto a fast array, one row transferred "
                        + "into the weights per sample; Gokmen & Haensch 2020)" : "pulsed SGD",
                PlainNumber.of(learningRate), PlainNumber.of(learningRateDecay), context.config().batchSize(), epochs,
                mode, section.accuracy(), seconds, CHIP_FILE)
                + DriftTableMarkdown.render(drift, section.accuracy())
                + "The reference of the last two columns is the in-place accuracy right after training. Pulsed devices "
                + "carry no drift model, so the table shows the read-out spread over time, not drift.\n";
        context.out().printf(Locale.ROOT, "in-place %s: test accuracy %.4f after %d epochs (%.0f s)%n", device,
                section.accuracy(), epochs, seconds);
        return new DemoStepResult("in_place", section, md, Map.of(ARTEFACT, file));
    }

    /**
     * The {@code in_place} section of {@code metrics.json}.
     *
     * @param device            the device
     * @param algorithm         {@code tiki-taka} or {@code sgd}
     * @param updateMode        {@code stochastic} or {@code mean-count}
     * @param epochs            epochs
     * @param learningRate      initial SGD learning rate
     * @param learningRateDecay factor per epoch
     * @param accuracy          test accuracy after the last epoch
     * @param curve             test accuracy after each epoch
     * @param seconds           training wall time, seconds
     * @param drift             the drift table of the trained chip
     */
    @JsonPropertyOrder({"device", "algorithm", "update_mode", "epochs", "learning_rate", "learning_rate_decay_per_epoch",
            "accuracy", "curve", "seconds", "drift"})
    public record Section(@JsonProperty("device") String device, @JsonProperty("algorithm") String algorithm,
                          @JsonProperty("update_mode") String updateMode,
                          @JsonProperty("epochs") int epochs, @JsonProperty("learning_rate") double learningRate,
                          @JsonProperty("learning_rate_decay_per_epoch") double learningRateDecay,
                          @JsonProperty("accuracy") double accuracy, @JsonProperty("curve") List<Double> curve,
                          @JsonProperty("seconds") double seconds,
                          @JsonProperty("drift") List<DemoMetrics.Drift> drift) {
    }
}
