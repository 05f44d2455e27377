package org.dl4jmortal.samples.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.samples.chip.ChipDriftTable;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.demo.DemoJob;
import org.dl4jmortal.samples.demo.DemoStep;
import org.dl4jmortal.samples.demo.DemoStepContext;
import org.dl4jmortal.samples.demo.DemoStepResult;
import org.dl4jmortal.samples.demo.DriftPoint;
import org.dl4jmortal.samples.report.DemoMetrics;
import org.dl4jmortal.samples.report.DriftTableMarkdown;
import org.dl4jmortal.samples.io.Durations;
import org.dl4jmortal.samples.report.PlainNumber;

/**
 * The demo's hardware-aware training step (issue 3; Rasch et al. 2023, Nat. Commun. 14:5282): the demo's trained
 * digital network fine-tuned with weight noise relative to each column's max |w| ({@link AnalogMlp#hardwareAware}),
 * then programmed into a chip of a programmed device ({@code pcm}) and evaluated at the demo's times with
 * and without global drift compensation, beside the plainly converted chip of the drift table. Saves
 * {@value #CHIP_FILE}; metrics key {@code hardware_aware}.
 */
public final class HardwareAwareDemoStep implements DemoStep {
    /** The programmed hardware-aware chip. */
    public static final String CHIP_FILE = "chip-hwa.zip";

    private final String device;
    private final double weightNoise;
    private final int epochs;
    private final double learningRate;

    /**
     * @param device       a programmed device name, e.g. {@code pcm}
     * @param weightNoise  weight-noise standard deviation relative to each column's max |w|, in {@code [0, 1]}
     * @param epochs       epochs of fine-tuning the demo's trained digital network, {@code >= 1}
     * @param learningRate Adam learning rate of the fine-tuning, {@code > 0}
     * @throws IllegalArgumentException if {@code weightNoise} is outside {@code [0, 1]}, {@code epochs < 1} or
     *                                  {@code learningRate} is not a finite positive number
     */
    public HardwareAwareDemoStep(String device, double weightNoise, int epochs, double learningRate) {
        if (!(weightNoise >= 0 && weightNoise <= 1)) {
            throw new IllegalArgumentException("weight noise must be in [0, 1], got " + weightNoise);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("fine-tuning epochs must be >= 1, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("fine-tuning learning rate must be a finite number > 0, got "
                    + learningRate);
        }
        this.device = device;
        this.weightNoise = weightNoise;
        this.epochs = epochs;
        this.learningRate = learningRate;
    }

    @Override
    public String name() {
        return "hardware-aware training (" + device + ")";
    }

    @Override
    public DemoStepResult run(DemoStepContext context) throws IOException {
        long seed = context.config().seed();
        ImageDataSetIterator train = new ImageDataSetIterator(context.train(), context.config().batchSize(), true,
                seed);
        ImageDataSetIterator test = new ImageDataSetIterator(context.test(), DemoJob.EVALUATION_BATCH, false, seed);
        long start = System.nanoTime();
        MultiLayerNetwork hwa = AnalogMlp.hardwareAware(context.digital(), seed, weightNoise, learningRate);
        List<Double> curve = new EpochTrainer(context.progress(), context.out()).fit(hwa, train, test, epochs,
                "hardware-aware");
        double seconds = (System.nanoTime() - start) / 1e9;
        AnalogChip chip = new AnalogConverter(device, Map.of(), seed)
                .convert(hwa, "mortal demo (hardware-aware, device " + device + ")").chip();
        Path file = context.outDir().resolve(CHIP_FILE);
        chip.save(file.toFile());
        List<DemoMetrics.Drift> drift = DriftPoint.toRows(ChipDriftTable.measure(chip, test,
                context.config().timesSeconds(), context.config().repeats(), context.progress(),
                "hardware-aware chip drift"));
        double digitalAccuracy = curve.get(curve.size() - 1);
        Section section = new Section(device, weightNoise, epochs, learningRate, digitalAccuracy, seconds, drift);
        DemoMetrics.Drift last = drift.get(drift.size() - 1);
        String when = Durations.label(last.tSeconds());
        String md = "## Hardware-aware training\n\n" + String.format(Locale.ROOT,
                "The demo's trained digital network, fine-tuned with weight noise of std %s relative to each "
                        + "column's max |w| (Rasch et al. 2023) for %d epochs at Adam %s (%.0f s); its own digital "
                        + "test accuracy %.4f. "
                        + "Then programmed into `%s` (published defaults, same seed as the converted chip). "
                        + "Chip: `%s`. The reference of the last two columns is the plain digital network's "
                        + "accuracy, as in the drift table above, so the two tables compare directly.%n%n",
                PlainNumber.of(weightNoise), epochs, PlainNumber.of(learningRate), seconds,
                digitalAccuracy, device, CHIP_FILE)
                + DriftTableMarkdown.render(drift, context.digitalAccuracy())
                + comparison(last, context.convertedDrift(), when, context.test().size());
        context.out().printf(Locale.ROOT, "hardware-aware on %s: %s %.4f, %s %.4f with GDC%s%n", device,
                Durations.label(drift.get(0).tSeconds()), drift.get(0).accuracyGdc(), when, last.accuracyGdc(),
                plainAt(last, context.convertedDrift()).map(p -> String.format(Locale.ROOT,
                        " (plainly converted chip %.4f)", p.accuracyGdc())).orElse(""));
        return new DemoStepResult("hardware_aware", section, md, Map.of("chip-hwa", file));
    }

    private static Optional<DemoMetrics.Drift> plainAt(DemoMetrics.Drift row, List<DemoMetrics.Drift> converted) {
        return converted.stream().filter(r -> r.tSeconds() == row.tSeconds()).findFirst();
    }

    /** The report's sentence comparing the two chips at the last time, with GDC; empty without the converted table. */
    private static String comparison(DemoMetrics.Drift last, List<DemoMetrics.Drift> converted, String when,
                                     int testImages) {
        return plainAt(last, converted).map(p -> String.format(Locale.ROOT,
                "%nAt %s with global drift compensation the hardware-aware chip reads %.4f ± %.4f and the plainly "
                        + "converted chip %.4f ± %.4f (mean ± std over read-noise draws): %s by %.4f, one run on %,d "
                        + "test images. The results page measures the same comparison on "
                        + "the full data set over 3 seeds, with a control fine-tuned without noise.%n", when,
                last.accuracyGdc(), last.accuracyGdcStd(), p.accuracyGdc(), p.accuracyGdcStd(),
                last.accuracyGdc() >= p.accuracyGdc() ? "above it" : "below it",
                Math.abs(last.accuracyGdc() - p.accuracyGdc()), testImages)).orElse("");
    }

    /**
     * The {@code hardware_aware} section of {@code metrics.json}.
     *
     * @param device           the programmed device
     * @param weightNoise      relative weight-noise std used in the fine-tuning
     * @param epochs           fine-tuning epochs
     * @param learningRate     Adam learning rate of the fine-tuning
     * @param digitalAccuracy  the noise-trained network's own digital test accuracy
     * @param seconds          fine-tuning wall time, seconds
     * @param drift            the drift table of its chip
     */
    @JsonPropertyOrder({"device", "weight_noise", "epochs", "learning_rate", "digital_accuracy", "seconds", "drift"})
    public record Section(@JsonProperty("device") String device, @JsonProperty("weight_noise") double weightNoise,
                          @JsonProperty("epochs") int epochs, @JsonProperty("learning_rate") double learningRate,
                          @JsonProperty("digital_accuracy") double digitalAccuracy,
                          @JsonProperty("seconds") double seconds,
                          @JsonProperty("drift") List<DemoMetrics.Drift> drift) {
    }
}
