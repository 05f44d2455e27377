package org.dl4jmortal.samples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.samples.chip.ChipAnalogSteps;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.demo.Accuracy;
import org.dl4jmortal.samples.demo.DemoConfig;
import org.dl4jmortal.samples.demo.DemoJob;
import org.dl4jmortal.samples.io.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's in-place and hardware-aware steps, end to end on 50 training and 20 test images per class. */
class DemoTrainingStepsTest {
    private static final DemoConfig TINY = DemoConfig.builder().seed(11).epochs(2).trainPerClass(50)
            .testPerClass(20).repeats(1).timesSeconds(1, 86400).build();

    @TempDir
    static Path dir;
    private static JsonNode metrics;
    private static String report;

    @BeforeAll
    static void runDemoWithSteps() throws IOException {
        new DemoJob(TINY, new ChipAnalogSteps(), List.of(new HardwareAwareDemoStep("pcm", 0.08, 1, 1e-4),
                new InPlaceDemoStep("soft-bounds", Map.of(), 1, 0.1, 0.8)), Progress.silent(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(FashionMnist.embedded(), dir);
        metrics = new ObjectMapper().readTree(dir.resolve(DemoJob.METRICS_FILE).toFile());
        report = Files.readString(dir.resolve(DemoJob.REPORT_FILE));
    }

    @Test
    void inPlaceSectionMatchesItsSavedChip() throws IOException {
        JsonNode s = metrics.get("in_place");
        assertEquals("soft-bounds", s.get("device").asText());
        assertEquals("tiki-taka", s.get("algorithm").asText());
        assertEquals("stochastic", s.get("update_mode").asText());
        assertEquals(1, s.get("curve").size());
        assertEquals(s.get("curve").get(0).asDouble(), s.get("accuracy").asDouble(), 0);
        // 500 images, one epoch of Tiki-Taka: one row transferred per image, so the 784 rows of the first layer are
        // not even visited once, yet the deeper layers learn: measured 0.265, clearly above chance (0.1)
        assertTrue(s.get("accuracy").asDouble() > 0.2, s.toString());
        assertEquals(2, s.get("drift").size());
        AnalogChip chip = AnalogChip.load(dir.resolve(InPlaceDemoStep.CHIP_FILE).toFile());
        double again = Accuracy.top1(chip::output, new ImageDataSetIterator(
                FashionMnist.embedded().test().firstPerClass(20), 50, false, 0));
        // a fresh read-noise draw on 200 images: within 0.08 (about 3 binomial std of a 0.5-0.8 accuracy) of the
        // accuracy measured right after training
        assertEquals(s.get("accuracy").asDouble(), again, 0.08);
        assertTrue(report.contains("## In-place (mortal) training"), report);
    }

    @Test
    void hardwareAwareSectionHasADriftTableAndItsChip() {
        JsonNode s = metrics.get("hardware_aware");
        assertEquals("pcm", s.get("device").asText());
        assertEquals(0.08, s.get("weight_noise").asDouble(), 0);
        assertEquals(1, s.get("epochs").asInt());
        // one epoch of fine-tuning at Adam 1e-4 starts from the trained digital network, so it keeps what that
        // network learned (measured: digital 0.655 after 2 epochs, fine-tuned 0.735); the same epoch from random
        // weights at this rate would stay far below the digital network on 500 images
        assertTrue(s.get("digital_accuracy").asDouble() >= metrics.get("digital").get("accuracy").asDouble() - 0.05,
                s.toString());
        assertEquals(86400, s.get("drift").get(1).get("t_seconds").asLong());
        for (JsonNode row : s.get("drift")) {
            assertTrue(row.get("accuracy_gdc").asDouble() > 0.3, row.toString());
        }
        assertTrue(Files.isRegularFile(dir.resolve(HardwareAwareDemoStep.CHIP_FILE)));
        assertTrue(report.contains("## Hardware-aware training"), report);
        assertTrue(report.contains("weight noise of std 0.08 relative") && report.contains("1 epochs at Adam 0.0001"),
                report);
        assertEquals(1e-4, s.get("learning_rate").asDouble(), 0);
        // the comparison sentence quotes both chips at the last time (1 d here) from the two drift tables
        JsonNode hwaLast = s.get("drift").get(1);
        JsonNode plainLast = metrics.get("drift").get(1);
        assertTrue(report.contains(String.format(java.util.Locale.ROOT, "At 1 d with global drift compensation the "
                + "hardware-aware chip reads %.4f", hwaLast.get("accuracy_gdc").asDouble())), report);
        assertTrue(report.contains(String.format(java.util.Locale.ROOT, "plainly converted chip %.4f",
                plainLast.get("accuracy_gdc").asDouble())), report);
        assertTrue(report.contains("`" + HardwareAwareDemoStep.CHIP_FILE + "`"), report);
    }

    @Test
    void badStepSettingsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InPlaceDemoStep("soft-bounds", Map.of(), 0, 0.1, 0.8));
        assertTrue(e.getMessage().contains("epochs must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HardwareAwareDemoStep("pcm", 1.5, 1, 1e-4));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HardwareAwareDemoStep("pcm", 0.08, 0, 1e-4));
        assertTrue(e.getMessage().contains("fine-tuning epochs must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HardwareAwareDemoStep("pcm", 0.08, 1, 0));
        assertTrue(e.getMessage().contains("learning rate must be a finite number > 0, got 0.0"), e.getMessage());
    }
}
