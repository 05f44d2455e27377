package org.dl4jmortal.samples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.Plots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;

/** End to end on a slice of the embedded data: 50 training and 20 test images per class, 2 epochs. */
class DemoJobTest {
    private static final DemoConfig TINY = DemoConfig.builder().seed(7).epochs(2).trainPerClass(50).testPerClass(20)
            .repeats(2).build();

    @TempDir
    static Path dir;
    private static JsonNode metrics;
    private static String table;
    private static DigitalOnlySteps steps;

    @BeforeAll
    static void runDemoOnce() throws IOException {
        steps = new DigitalOnlySteps();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DemoJob(TINY, steps, Progress.silent(), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(FashionMnist.embedded(), dir.resolve("a"));
        table = out.toString(StandardCharsets.UTF_8);
        metrics = new ObjectMapper().readTree(dir.resolve("a").resolve(DemoJob.METRICS_FILE).toFile());
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void metricsFollowTheContract() {
        assertEquals(List.of("dataset", "digital", "drift"), keys(metrics));
        JsonNode ds = metrics.get("dataset");
        assertEquals("fashion-mnist", ds.get("name").asText());
        assertEquals(500, ds.get("train").asInt());
        assertEquals(200, ds.get("test").asInt());
        assertEquals("embedded", ds.get("source").asText());
        double digital = metrics.get("digital").get("accuracy").asDouble();
        // 500 images, 2 epochs: far above chance (0.1), far below the full-data anchor
        assertTrue(digital > 0.4 && digital < 0.95, "digital accuracy " + digital);
        long[] times = {1, 3600, 86400, 2592000, 31536000};
        JsonNode drift = metrics.get("drift");
        assertEquals(times.length, drift.size());
        for (int i = 0; i < times.length; i++) {
            JsonNode row = drift.get(i);
            assertEquals(List.of("t_seconds", "accuracy", "accuracy_std", "accuracy_gdc", "accuracy_gdc_std"),
                    keys(row));
            assertTrue(row.get("t_seconds").isIntegralNumber());
            assertEquals(times[i], row.get("t_seconds").asLong());
            for (String k : new String[]{"accuracy", "accuracy_gdc"}) {
                double a = row.get(k).asDouble();
                assertTrue(a >= 0 && a <= 1, k + " = " + a);
            }
            assertTrue(row.get("accuracy_std").asDouble() >= 0);
        }
        assertEquals(1, steps.calls());
    }

    @Test
    void digitalAccuracyMatchesDl4jEvaluationOfTheSavedModel() throws IOException {
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                dir.resolve("a").resolve(DemoJob.DIGITAL_FILE).toFile());
        LabelledImages test = FashionMnist.embedded().test().firstPerClass(20);
        Evaluation eval = restored.evaluate(new ImageDataSetIterator(test, 64, false, 0));
        assertEquals(eval.accuracy(), metrics.get("digital").get("accuracy").asDouble(), 1e-12);
        // the test-only steps evaluate the digital network itself, so every drift point equals it exactly
        for (JsonNode row : metrics.get("drift")) {
            assertEquals(eval.accuracy(), row.get("accuracy").asDouble(), 1e-12);
            assertEquals(0.0, row.get("accuracy_std").asDouble(), 1e-12);
        }
    }

    @Test
    void reportPlotAndTableAreWritten() throws IOException {
        BufferedImage png = ImageIO.read(dir.resolve("a").resolve(DemoJob.PLOT_FILE).toFile());
        assertNotNull(png);
        assertEquals(Plots.WIDTH, png.getWidth());
        assertEquals(Plots.HEIGHT, png.getHeight());
        String report = Files.readString(dir.resolve("a").resolve(DemoJob.REPORT_FILE));
        assertTrue(report.contains("| 30 d | 2592000 |"), report);
        assertTrue(table.contains("1 y"), table);
        assertTrue(table.contains("digital test accuracy"), table);
        assertFalse(Files.exists(dir.resolve("a").resolve(DemoJob.METRICS_FILE + ".tmp")));
    }

    @Test
    void sameSeedGivesTheSameNumbers() throws IOException {
        new DemoJob(TINY, new DigitalOnlySteps(), Progress.silent(), new PrintStream(new ByteArrayOutputStream()))
                .run(FashionMnist.embedded(), dir.resolve("b"));
        JsonNode again = new ObjectMapper().readTree(dir.resolve("b").resolve(DemoJob.METRICS_FILE).toFile());
        assertEquals(metrics, again);
    }

    @Test
    void locatorFindsInstalledStepsByNameAndListsThem() {
        assertEquals(DigitalOnlySteps.NAME, AnalogStepsLocator.find(DigitalOnlySteps.NAME).name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AnalogStepsLocator.find("nope"));
        assertTrue(e.getMessage().contains("unknown analog steps 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains(DigitalOnlySteps.NAME), e.getMessage());
    }

    @Test
    void tooManyImagesPerClassIsExplained() {
        DemoConfig greedy = DemoConfig.builder().trainPerClass(1001).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new DemoJob(greedy, new DigitalOnlySteps(), Progress.silent(), new PrintStream(
                        new ByteArrayOutputStream())).run(FashionMnist.embedded(), dir.resolve("c")));
        assertTrue(e.getMessage().contains("has only 1000 images"), e.getMessage());
    }
}
