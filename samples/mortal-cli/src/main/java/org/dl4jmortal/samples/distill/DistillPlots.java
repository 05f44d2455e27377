package org.dl4jmortal.samples.distill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dl4jmortal.distill.fleet.FleetReport;
import org.dl4jmortal.samples.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** PNG plots of distillation (loss per epoch) and of a fleet (agreement of every clone at 1 s and 1 day). */
public final class DistillPlots {
    private DistillPlots() {
    }

    /**
     * @param lossPerEpoch the mean training loss of each epoch
     * @param title        the chart title
     * @param file         the PNG to write, atomically
     * @throws IOException if it cannot be written
     */
    public static void writeLossCurve(List<Double> lossPerEpoch, String title, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(480).title(title).xAxisTitle("epoch")
                .yAxisTitle("mean training loss").build();
        double[] x = new double[lossPerEpoch.size()];
        double[] y = new double[lossPerEpoch.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = lossPerEpoch.get(i);
        }
        chart.addSeries("loss", x, y);
        write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), file);
    }

    /**
     * Bars of every clone's agreement with the original's majority at 1 s and 1 day, with the digital network's
     * agreement and the original's self-agreement as reference bars.
     *
     * @param report the fleet
     * @param file   the PNG to write, atomically
     * @throws IOException if it cannot be written
     */
    public static void writeCloneBars(FleetReport report, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("Clones: top-1 agreement with the original chip's majority (" + report.settings().device() + ")")
                .xAxisTitle("clone (digital: the distilled network; self: the original against its own majority)")
                .yAxisTitle("agreement").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setDecimalPattern("0.000");
        List<String> names = new ArrayList<>();
        List<Double> at1s = new ArrayList<>();
        List<Double> at1d = new ArrayList<>();
        report.clones().forEach(c -> {
            names.add(String.valueOf(c.index()));
            at1s.add(c.at1s().agreement());
            at1d.add(c.at1d().agreement());
        });
        names.add("digital");
        at1s.add(report.distill().fidelity().agreement());
        at1d.add(report.distill().fidelity().agreement());
        names.add("self");
        at1s.add(report.distill().reference().selfAgreement());
        at1d.add(report.distill().reference().selfAgreement());
        double min = Math.min(at1s.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                at1d.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor((min - 0.02) * 50) / 50));
        chart.getStyler().setYAxisMax(1.0);
        chart.addSeries("1 s after programming", names, at1s);
        chart.addSeries("1 day after programming", names, at1d);
        write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), file);
    }

    private static void write(byte[] png, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        AtomicFiles.write(file, o -> o.write(png));
    }
}
