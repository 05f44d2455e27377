package org.dl4jmortal.samples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.samples.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of the demo and of {@code mortal reconstruct}, drawn with XChart in headless mode.
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

    /** Colours of the layers in the reconstruction plot, lowest layer first (then repeated). */
    private static final Color[] LAYER_COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    /**
     * Builds the reconstruction chart (issue 6): for every layer, the true relative weight error (solid line with
     * markers) and the relative error predicted by the Cramér–Rao bound of the design used (dashed line, same
     * colour) against the queries spent, both axes logarithmic. Points that are not finite or not positive (a
     * noise-free chip's bound of 0, an exact layer) cannot be drawn on a logarithmic axis and are left out; a series
     * without a drawable point is left out.
     *
     * @param metrics the reconstruction's metrics with its curve
     * @return the chart
     * @throws IllegalArgumentException if no point at all can be drawn
     */
    public static XYChart reconstructionChart(ReconstructionMetrics metrics) {
        Map<String, List<double[]>> errors = new LinkedHashMap<>();
        Map<String, List<double[]>> bounds = new LinkedHashMap<>();
        for (ReconstructionMetrics.CurvePoint p : metrics.curve()) {
            for (ReconstructionMetrics.Layer l : p.layers()) {
                errors.computeIfAbsent(l.name(), k -> new ArrayList<>());
                bounds.computeIfAbsent(l.name(), k -> new ArrayList<>());
                if (drawable(l.relError()) && p.queries() > 0) {
                    errors.get(l.name()).add(new double[] {p.queries(), l.relError()});
                }
                if (drawable(l.crlbRelError()) && p.queries() > 0) {
                    bounds.get(l.name()).add(new double[] {p.queries(), l.crlbRelError()});
                }
            }
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Weight reconstruction (" + metrics.method() + "): error against queries")
                .xAxisTitle("queries (rows sent, repeats included)")
                .yAxisTitle("relative weight error ||W_hat - W|| / ||W||").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        // errors fall with the queries, so the upper right corner stays free for the legend
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        int layer = 0;
        int drawn = 0;
        for (String name : errors.keySet()) {
            Color colour = LAYER_COLOURS[layer++ % LAYER_COLOURS.length];
            drawn += addSeries(chart, name + ": error", errors.get(name), colour, false);
            drawn += addSeries(chart, name + ": Cramer-Rao bound", bounds.get(name), colour, true);
        }
        if (drawn == 0) {
            throw new IllegalArgumentException("the reconstruction curve has no positive, finite error or bound to "
                    + "draw on logarithmic axes");
        }
        return chart;
    }

    private static boolean drawable(Double v) {
        return v != null && Double.isFinite(v) && v > 0;
    }

    private static int addSeries(XYChart chart, String name, List<double[]> points, Color colour, boolean bound) {
        if (points.isEmpty()) {
            return 0;
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        if (bound) {
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(SeriesLines.DASH_DASH);
        } else {
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(2f));
        }
        return 1;
    }

    /**
     * Writes {@link #reconstructionChart} as a PNG of {@link #WIDTH} x {@link #HEIGHT} pixels, atomically.
     *
     * @param metrics the reconstruction's metrics
     * @param file    the target, for example {@code reconstruct.png}
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException as {@link #reconstructionChart}
     */
    public static void writeReconstructionPng(ReconstructionMetrics metrics, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        byte[] png = BitmapEncoder.getBitmapBytes(reconstructionChart(metrics), BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }
}
