package org.dl4jmortal.samples.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dl4jmortal.samples.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of the demo, drawn with XChart in headless mode.
 */
public final class Plots {
    /** Width of the drift plot in pixels. */
    public static final int WIDTH = 900;
    /** Height of the drift plot in pixels. */
    public static final int HEIGHT = 560;

    private Plots() {
    }

    /**
     * Builds the drift chart: test accuracy against time since programming (seconds, logarithmic axis), without
     * and with global drift compensation, error bars of one standard deviation, and the digital accuracy as a
     * horizontal line over the same time range.
     *
     * @param metrics the demo's metrics, with at least one drift row and all times {@code > 0} (log axis)
     * @return the chart
     * @throws IllegalArgumentException if there is no drift row or a time is not positive
     */
    public static XYChart driftChart(DemoMetrics metrics) {
        List<DemoMetrics.Drift> rows = metrics.drift();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the drift plot needs at least one drift row");
        }
        int n = rows.size();
        double[] t = new double[n];
        double[] acc = new double[n];
        double[] accStd = new double[n];
        double[] gdc = new double[n];
        double[] gdcStd = new double[n];
        for (int i = 0; i < n; i++) {
            DemoMetrics.Drift r = rows.get(i);
            if (r.tSeconds() <= 0) {
                throw new IllegalArgumentException("drift row " + i + " has t_seconds = " + r.tSeconds()
                        + "; a logarithmic time axis needs times > 0");
            }
            t[i] = r.tSeconds();
            acc[i] = r.accuracy();
            accStd[i] = r.accuracyStd();
            gdc[i] = r.accuracyGdc();
            gdcStd[i] = r.accuracyGdcStd();
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Test accuracy after programming (" + metrics.dataset().name() + ", "
                        + metrics.dataset().test() + " test images)")
                .xAxisTitle("time since programming (s)").yAxisTitle("top-1 test accuracy").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setDecimalPattern("0.000");
        XYSeries none = chart.addSeries("analog, no compensation", t, acc, accStd);
        none.setMarker(SeriesMarkers.CIRCLE);
        XYSeries compensated = chart.addSeries("analog, global drift compensation", t, gdc, gdcStd);
        compensated.setMarker(SeriesMarkers.DIAMOND);
        double digital = metrics.digital().accuracy();
        XYSeries line = chart.addSeries("digital", new double[]{t[0], t[n - 1]}, new double[]{digital, digital});
        line.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /**
     * Writes {@link #driftChart} as a PNG of {@link #WIDTH} x {@link #HEIGHT} pixels, atomically.
     *
     * @param metrics the demo's metrics
     * @param file    the target, for example {@code drift.png}
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException as {@link #driftChart}
     */
    public static void writeDriftPng(DemoMetrics metrics, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        byte[] png = BitmapEncoder.getBitmapBytes(driftChart(metrics), BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }
}
