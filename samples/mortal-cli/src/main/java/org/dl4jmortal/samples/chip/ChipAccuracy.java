package org.dl4jmortal.samples.chip;

import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.samples.demo.Accuracy;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Test accuracy of a chip over repeated passes: each pass draws fresh read and output noise (the chip's read counter
 * advances), so the spread over passes is the read-noise spread of the accuracy.
 */
public final class ChipAccuracy {
    private ChipAccuracy() {
    }

    /**
     * Mean and sample standard deviation of an accuracy over {@code K} passes.
     *
     * @param mean mean accuracy in [0, 1]
     * @param std  sample standard deviation (divisor K - 1; 0 when K = 1)
     */
    public record Spread(double mean, double std) {
    }

    /**
     * @param chip    the chip, at the time and drift-compensation setting wanted
     * @param test    labelled test data (reset before each pass)
     * @param repeats passes, {@code >= 1}
     * @param onPass  called after each pass (progress), may be null
     * @return mean and standard deviation of top-1 accuracy
     * @throws IllegalArgumentException if {@code repeats < 1}
     */
    public static Spread measure(AnalogChip chip, DataSetIterator test, int repeats, Runnable onPass) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        double[] acc = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            acc[k] = Accuracy.top1(chip::output, test);
            if (onPass != null) {
                onPass.run();
            }
        }
        double mean = 0;
        for (double a : acc) {
            mean += a;
        }
        mean /= repeats;
        double ss = 0;
        for (double a : acc) {
            ss += (a - mean) * (a - mean);
        }
        return new Spread(mean, repeats > 1 ? Math.sqrt(ss / (repeats - 1)) : 0.0);
    }
}
