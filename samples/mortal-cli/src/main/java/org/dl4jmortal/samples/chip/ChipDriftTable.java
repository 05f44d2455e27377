package org.dl4jmortal.samples.chip;

import java.util.ArrayList;
import java.util.List;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.samples.demo.DriftPoint;
import org.dl4jmortal.samples.io.Progress;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The drift table of a chip: at each time since programming, test accuracy over {@code repeats} read-noise draws
 * without and with global drift compensation (DESIGN.md §3). Leaves the chip at {@code t = 0} with the compensation
 * back to its default.
 */
public final class ChipDriftTable {
    private ChipDriftTable() {
    }

    /**
     * @param chip         the chip, just programmed or trained (its clock is set to each time in turn)
     * @param test         labelled test data, features {@code [batch, 784]}; reset before each pass
     * @param timesSeconds times since programming, seconds, non-negative
     * @param repeats      read-noise draws per time and setting, {@code >= 1}
     * @param progress     where to show the passes
     * @param title        the progress bar's title
     * @return one row per time, in the order given
     * @throws IllegalArgumentException if {@code repeats < 1}
     */
    public static List<DriftPoint> measure(AnalogChip chip, DataSetIterator test, double[] timesSeconds, int repeats,
                                           Progress progress, String title) {
        List<DriftPoint> points = new ArrayList<>();
        try (Progress.Task task = progress.start(title, (long) timesSeconds.length * 2 * repeats)) {
            for (double t : timesSeconds) {
                chip.setSecondsSinceProgramming(t);
                chip.setDriftCompensation(false);
                ChipAccuracy.Spread plain = ChipAccuracy.measure(chip, test, repeats, task::step);
                chip.setDriftCompensation(true);
                ChipAccuracy.Spread gdc = ChipAccuracy.measure(chip, test, repeats, task::step);
                points.add(new DriftPoint(t, plain.mean(), plain.std(), gdc.mean(), gdc.std()));
            }
        } finally {
            chip.setDriftCompensation(null);
            chip.setSecondsSinceProgramming(0);
        }
        return points;
    }
}
