package org.dl4jmortal.samples.chip;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.samples.demo.AnalogSteps;
import org.dl4jmortal.samples.demo.ChipEvaluation;
import org.dl4jmortal.samples.demo.DriftPoint;
import org.dl4jmortal.samples.io.Progress;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The demo's analog steps on a PCM chip with the published default device and periphery parameters (DESIGN.md §3):
 * convert the digital MLP with {@link AnalogConverter}, save {@code chip.zip}, then at each time since programming
 * measure test accuracy over {@code repeats} read-noise draws without and with global drift compensation.
 */
public class ChipAnalogSteps implements AnalogSteps {
    private final String device;
    private final Map<String, Double> overrides;

    /** The default: device {@code pcm}, no overrides (ServiceLoader constructor). */
    public ChipAnalogSteps() {
        this("pcm", Map.of());
    }

    /**
     * @param device    registered device name
     * @param overrides device and periphery parameter overrides
     */
    public ChipAnalogSteps(String device, Map<String, Double> overrides) {
        this.device = device;
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public String name() {
        return device;
    }

    @Override
    public ChipEvaluation convertAndEvaluate(MultiLayerNetwork digital, DataSetIterator test, long seed,
                                             double[] timesSeconds, int repeats, File chipZip, Progress progress)
            throws IOException {
        AnalogChip chip = new AnalogConverter(device, overrides, seed)
                .convert(digital, "mortal demo (device " + device + ", seed " + seed + ")").chip();
        chip.save(chipZip);
        List<DriftPoint> points = ChipDriftTable.measure(chip, test, timesSeconds, repeats, progress, "drift table");
        return new ChipEvaluation(device + " (published defaults" + (overrides.isEmpty() ? "" : ", " + overrides)
                + ")", points);
    }
}
