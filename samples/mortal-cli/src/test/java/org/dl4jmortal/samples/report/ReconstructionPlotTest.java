package org.dl4jmortal.samples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ReconstructionPlotTest {

    private static ReconstructionMetrics.Layer layer(String name, Double error, Double bound) {
        return new ReconstructionMetrics.Layer(name, error, bound, null, 0, 0, false, "");
    }

    @Test
    void everyLayerGetsItsErrorAndItsBoundOnLogarithmicAxes() {
        ReconstructionMetrics m = new ReconstructionMetrics("least-squares", 4000, 1, 86400, 0.99, 10,
                List.of(layer("a", 0.01, 0.01), layer("b", 0.02, 0.019)),
                List.of(new ReconstructionMetrics.CurvePoint(1000, List.of(layer("a", 0.02, 0.02), layer("b", 0.04, 0.038))),
                        new ReconstructionMetrics.CurvePoint(4000, List.of(layer("a", 0.01, 0.01), layer("b", 0.02, 0.019)))));
        XYChart chart = Plots.reconstructionChart(m);
        assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
        assertEquals(List.of("a: error", "a: Cramer-Rao bound", "b: error", "b: Cramer-Rao bound"),
                List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries boundB = chart.getSeriesMap().get("b: Cramer-Rao bound");
        assertEquals(0.038, boundB.getYData()[0], 0.0);
        assertEquals(4000.0, boundB.getXData()[1], 0.0);
    }

    @Test
    void pointsALogarithmicAxisCannotShowAreLeftOut() {
        // a noise-free chip: the bound is 0 and one layer is exact
        ReconstructionMetrics m = new ReconstructionMetrics("finite-difference", 800, 1, 0, null, null,
                List.of(layer("a", 0.0, 0.0), layer("b", 1e-7, 0.0)),
                List.of(new ReconstructionMetrics.CurvePoint(800, List.of(layer("a", 0.0, 0.0), layer("b", 1e-7, 0.0)))));
        assertEquals(List.of("b: error"), List.copyOf(Plots.reconstructionChart(m).getSeriesMap().keySet()));
        ReconstructionMetrics nothing = new ReconstructionMetrics("finite-difference", 800, 1, 0, null, null,
                List.of(layer("a", 0.0, null)), List.of(new ReconstructionMetrics.CurvePoint(800,
                List.of(layer("a", 0.0, null)))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.reconstructionChart(nothing));
        assertTrue(e.getMessage().contains("nothing") || e.getMessage().contains("no positive"), e.getMessage());
    }
}
