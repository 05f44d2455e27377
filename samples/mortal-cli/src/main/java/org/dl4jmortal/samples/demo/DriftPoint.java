package org.dl4jmortal.samples.demo;

import java.util.List;
import org.dl4jmortal.samples.report.DemoMetrics;

/**
 * Test accuracy of a chip at one time since programming, over repeated read-noise draws, without and with global
 * drift compensation (GDC, DESIGN.md §3).
 *
 * @param tSeconds         time since programming in seconds, finite and {@code >= 0}
 * @param accuracy         mean top-1 accuracy without compensation, a fraction in {@code [0, 1]}
 * @param accuracyStd      its sample standard deviation (divisor {@code K - 1}) over the {@code K} repeats, {@code >= 0}
 * @param accuracyGdc      mean top-1 accuracy with GDC, in {@code [0, 1]}
 * @param accuracyGdcStd   its sample standard deviation, {@code >= 0}
 */
public record DriftPoint(double tSeconds, double accuracy, double accuracyStd, double accuracyGdc,
                         double accuracyGdcStd) {

    /**
     * @throws IllegalArgumentException if a time, accuracy or deviation is out of range or not finite
     */
    public DriftPoint {
        if (!(tSeconds >= 0) || !Double.isFinite(tSeconds)) {
            throw new IllegalArgumentException("tSeconds must be finite and >= 0, got " + tSeconds);
        }
        fraction("accuracy", accuracy);
        fraction("accuracyGdc", accuracyGdc);
        deviation("accuracyStd", accuracyStd);
        deviation("accuracyGdcStd", accuracyGdcStd);
    }

    /**
     * @return this point as a row of {@code metrics.json} (time rounded to whole seconds)
     */
    public DemoMetrics.Drift toRow() {
        return new DemoMetrics.Drift(Math.round(tSeconds), accuracy, accuracyStd, accuracyGdc, accuracyGdcStd);
    }

    /**
     * @param points measured points
     * @return their rows, in order
     */
    public static List<DemoMetrics.Drift> toRows(List<DriftPoint> points) {
        return points.stream().map(DriftPoint::toRow).toList();
    }

    private static void fraction(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction in [0, 1], got " + v);
        }
    }

    private static void deviation(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
    }
}
