package org.dl4jmortal.samples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
    @TempDir
    Path dir;

    private static DemoMetrics sample() {
        return new DemoMetrics(new DemoMetrics.Dataset("fashion-mnist", 10000, 2000, "embedded"),
                new DemoMetrics.Digital(0.85),
                List.of(new DemoMetrics.Drift(1, 0.84, 0.002, 0.845, 0.001),
                        new DemoMetrics.Drift(3600, 0.82, 0.003, 0.84, 0.002),
                        new DemoMetrics.Drift(31_536_000, 0.61, 0.01, 0.80, 0.004)));
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void metricsJsonHasTheContractKeysInOrder() throws IOException {
        Path file = dir.resolve("metrics.json");
        new MetricsWriter().write(sample(), file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals(List.of("dataset", "digital", "drift"), keys(root));
        assertEquals(List.of("name", "train", "test", "source"), keys(root.get("dataset")));
        assertEquals(List.of("accuracy"), keys(root.get("digital")));
        assertEquals(List.of("t_seconds", "accuracy", "accuracy_std", "accuracy_gdc", "accuracy_gdc_std"),
                keys(root.get("drift").get(0)));
        assertTrue(root.get("drift").get(2).get("t_seconds").isIntegralNumber());
        assertEquals(31_536_000L, root.get("drift").get(2).get("t_seconds").asLong());
        assertEquals(0.80, root.get("drift").get(2).get("accuracy_gdc").asDouble(), 0);
        assertEquals("embedded", root.get("dataset").get("source").asText());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file may remain");
        }
    }

    @Test
    void driftPngDecodesAtTheStatedSize() throws IOException {
        Path png = dir.resolve("drift.png");
        Plots.writeDriftPng(sample(), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO must decode the PNG");
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        // not a blank canvas: more than a handful of distinct colours
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 10, "colours: " + colours.size());
    }

    @Test
    void driftPlotNeedsPositiveTimes() {
        DemoMetrics zero = new DemoMetrics(sample().dataset(), sample().digital(),
                List.of(new DemoMetrics.Drift(0, 0.8, 0, 0.8, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.driftChart(zero));
        assertTrue(e.getMessage().contains("t_seconds = 0"), e.getMessage());
    }

    @Test
    void reportHasTheDriftTable() throws IOException {
        Path md = dir.resolve("report.md");
        new ReportWriter().write(sample(), new ReportWriter.Context("pcm", "MLP.", 5, 12.3, "drift.png",
                List.of("metrics.json")), md);
        String text = Files.readString(md);
        assertTrue(text.contains("| 1 s | 1 | 0.8400 | 0.0020 | 0.8450 | 0.0010 | -0.0100 | -0.0050 |"), text);
        assertTrue(text.contains("| 1 y | 31536000 | 0.6100 | 0.0100 | 0.8000 | 0.0040 | -0.2400 | -0.0500 |"), text);
        assertTrue(text.contains("![accuracy against time since programming](drift.png)"), text);
        assertTrue(text.contains("| fashion-mnist | 10000 | 2000 | embedded |"), text);
        assertFalse(text.contains("NaN"));
    }

    @Test
    void stepSectionsFollowTheDriftInMetricsAndReport() throws IOException {
        DemoMetrics base = sample();
        java.util.Map<String, Object> steps = new java.util.LinkedHashMap<>();
        steps.put("train", java.util.Map.of("accuracy", 0.81));
        steps.put("distill", java.util.Map.of("agreement", 0.97));
        DemoMetrics withSteps = new DemoMetrics(base.dataset(), base.digital(), base.drift(), steps);
        Path file = dir.resolve("metrics.json");
        new MetricsWriter().write(withSteps, file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals(List.of("dataset", "digital", "drift", "distill", "train"), keys(root), "steps follow, sorted by key");
        assertEquals(0.97, root.get("distill").get("agreement").asDouble(), 0);

        Path md = dir.resolve("report.md");
        new ReportWriter().write(withSteps, new ReportWriter.Context("pcm", "MLP.", 5, 1.0, "drift.png",
                List.of("metrics.json"), List.of("## In-place training\n\nbody A", "## Distillation\n\nbody B")), md);
        String text = Files.readString(md);
        int a = text.indexOf("## In-place training");
        int b = text.indexOf("## Distillation");
        int files = text.indexOf("## Files");
        assertTrue(text.indexOf("## Drift") < a && a < b && b < files, text);
    }

    @Test
    void aStepMayNotTakeAReservedKey() {
        DemoMetrics base = sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DemoMetrics(
                base.dataset(), base.digital(), base.drift(), java.util.Map.of("drift", 1)));
        assertTrue(e.getMessage().contains("'drift'"), e.getMessage());
    }
}
