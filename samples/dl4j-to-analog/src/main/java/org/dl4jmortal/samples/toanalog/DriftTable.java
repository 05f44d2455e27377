package org.dl4jmortal.samples.toanalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The drift table of a programmed chip: test accuracy at several times after programming, through the chip's own
 * forward pass (programming noise, drift {@code g(t) = g_prog ((t + t0)/t0)^(-nu)}, accumulated 1/f noise, read noise
 * and converters; DESIGN.md §3), without and with global drift compensation. The chip's clock is restored afterwards.
 */
public final class DriftTable {
    /** The times of the project's reports: 1 s, 1 h, 1 day, 30 days, 1 year (365 days). */
    public static final Map<String, Double> TIMES;

    static {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("1 second", 1.0);
        t.put("1 hour", 3600.0);
        t.put("1 day", 86_400.0);
        t.put("30 days", 2_592_000.0);
        t.put("1 year", 31_536_000.0);
        TIMES = java.util.Collections.unmodifiableMap(t);
    }

    private DriftTable() {
    }

    /**
     * @param chip    a programmed chip
     * @param test    labelled test data (reset before every pass)
     * @param times   label to seconds since programming, each finite and {@code >= 0}
     * @param repeats passes per time and setting, {@code >= 1}
     * @return one row per time, in the given order
     * @throws IllegalArgumentException if {@code repeats < 1} or a time is negative or not finite
     */
    public static List<DriftRow> measure(AnalogChip chip, DataSetIterator test, Map<String, Double> times,
                                         int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        double clock = chip.secondsSinceProgramming();
        List<DriftRow> rows = new ArrayList<>();
        for (Map.Entry<String, Double> t : times.entrySet()) {
            if (!(t.getValue() >= 0) || !Double.isFinite(t.getValue())) {
                throw new IllegalArgumentException("time " + t.getKey() + " must be finite and >= 0 s, got "
                        + t.getValue());
            }
            chip.setSecondsSinceProgramming(t.getValue());
            chip.setDriftCompensation(false);
            double[] plain = passes(chip, test, repeats);
            chip.setDriftCompensation(true);
            double[] gdc = passes(chip, test, repeats);
            rows.add(new DriftRow(t.getKey(), t.getValue(), plain[0], plain[1], gdc[0], gdc[1]));
        }
        chip.setDriftCompensation(null);
        chip.setSecondsSinceProgramming(clock);
        return rows;
    }

    /** @return {mean, sample std} of the accuracy over the passes */
    private static double[] passes(AnalogChip chip, DataSetIterator test, int repeats) {
        double[] a = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            a[k] = accuracy(chip, test);
        }
        double mean = java.util.Arrays.stream(a).average().orElse(0);
        double ss = java.util.Arrays.stream(a).map(x -> (x - mean) * (x - mean)).sum();
        return new double[]{mean, repeats > 1 ? Math.sqrt(ss / (repeats - 1)) : 0.0};
    }

    /**
     * @param chip a chip
     * @param test labelled data
     * @return top-1 accuracy of one pass, DL4J {@link Evaluation} on the chip's outputs
     */
    public static double accuracy(AnalogChip chip, DataSetIterator test) {
        Evaluation evaluation = new Evaluation(10);
        test.reset();
        while (test.hasNext()) {
            DataSet batch = test.next();
            evaluation.eval(batch.getLabels(), chip.output(batch.getFeatures()));
        }
        return evaluation.accuracy();
    }

    /**
     * @param digital accuracy of the digital network
     * @param rows    the table
     * @return the table in Markdown
     */
    public static String markdown(double digital, List<DriftRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("digital network: %.4f%n%n", digital));
        b.append("| time since programming | accuracy | with drift compensation |\n|---|---|---|\n");
        for (DriftRow r : rows) {
            b.append(String.format("| %s | %.4f ± %.4f | %.4f ± %.4f |%n", r.label(), r.accuracy(), r.accuracyStd(),
                    r.gdc(), r.gdcStd()));
        }
        return b.toString();
    }
}
