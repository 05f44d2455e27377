package org.dl4jmortal.samples.demo;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.samples.io.Progress;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Test-only {@link AnalogSteps}: no chip at all. It evaluates the DIGITAL network {@code repeats} times at every
 * time, so every point equals the digital accuracy with standard deviation 0, and writes no chip file. It lets the
 * demo pipeline (training, metrics, report, plot) be tested end to end without the analog module.
 */
public final class DigitalOnlySteps implements AnalogSteps {
    /** The name of these steps. */
    public static final String NAME = "digital-only";

    private int calls;

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /** @return how many times {@link #convertAndEvaluate} ran */
    public int calls() {
        return calls;
    }

    @Override
    public ChipEvaluation convertAndEvaluate(MultiLayerNetwork digital, DataSetIterator test, long seed,
                                             double[] timesSeconds, int repeats, File chipZip, Progress progress) {
        calls++;
        List<DriftPoint> points = new ArrayList<>();
        for (double t : timesSeconds) {
            double sum = 0;
            double sumSq = 0;
            for (int k = 0; k < repeats; k++) {
                double a = Accuracy.top1(digital::output, test);
                sum += a;
                sumSq += a * a;
            }
            double mean = sum / repeats;
            double variance = repeats > 1 ? Math.max(0, (sumSq - repeats * mean * mean) / (repeats - 1)) : 0;
            points.add(new DriftPoint(t, mean, Math.sqrt(variance), mean, Math.sqrt(variance)));
        }
        return new ChipEvaluation(NAME + " (test fixture: the digital network, no chip)", points);
    }
}
