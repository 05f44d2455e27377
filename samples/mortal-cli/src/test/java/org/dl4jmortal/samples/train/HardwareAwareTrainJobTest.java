package org.dl4jmortal.samples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.IdxWriter;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.samples.io.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mortal train --mode hardware-aware} end to end on 30 training and 20 test images per class. */
class HardwareAwareTrainJobTest {
    @TempDir
    static Path dir;
    private static JsonNode train;
    private static String printed;

    private static Path data;

    @BeforeAll
    static void runTheJob() throws IOException {
        data = dir.resolve("data");
        Files.createDirectories(data);
        LabelledImages trainImages = FashionMnist.embedded().train().firstPerClass(30);
        LabelledImages testImages = FashionMnist.embedded().test().firstPerClass(20);
        IdxWriter.writeImages(trainImages.images(), data.resolve(FashionMnist.TRAIN_IMAGES));
        IdxWriter.writeLabels(trainImages.labels(), data.resolve(FashionMnist.TRAIN_LABELS));
        IdxWriter.writeImages(testImages.images(), data.resolve(FashionMnist.TEST_IMAGES));
        IdxWriter.writeLabels(testImages.labels(), data.resolve(FashionMnist.TEST_LABELS));
        TrainConfig config = new TrainConfig("pcm", TrainConfig.HARDWARE_AWARE, Map.of(), 2, 32, 0.1, 0.8, 0.08, 2,
                1e-4, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path outDir = dir.resolve("out");
        Files.createDirectories(outDir);
        new TrainJob(config, Progress.silent(), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(FashionMnist.folder(data), outDir);
        printed = out.toString(StandardCharsets.UTF_8);
        train = new ObjectMapper().readTree(outDir.resolve("metrics.json").toFile()).get("train");
    }

    @Test
    void metricsNameWhatRanAndLeaveOutTheInPlaceSettings() {
        assertEquals("hardware-aware", train.get("mode").asText());
        assertEquals(2, train.get("hwa_epochs").asInt());
        assertEquals(1e-4, train.get("hwa_learning_rate").asDouble(), 0);
        assertEquals(0.08, train.get("weight_noise").asDouble(), 0);
        assertEquals("Adam", train.get("digital_updater").asText());
        assertEquals(1e-3, train.get("digital_learning_rate").asDouble(), 0);
        assertEquals(1, train.get("drift_read_noise_draws").asInt());
        assertFalse(train.has("learning_rate") || train.has("learning_rate_decay_per_epoch"), train.toString());
    }

    @Test
    void curveContinuesTheDigitalEpochsAndAccuracyIsTheOneYearFigure() {
        JsonNode curve = train.get("curve");
        assertEquals(4, curve.size());
        for (int e = 0; e < 4; e++) {
            assertEquals(e + 1, curve.get(e).get("epoch").asInt());
            assertEquals(e < 2, curve.get(e).has("digital_accuracy"), curve.toString());
            assertEquals(e >= 2, curve.get(e).has("hwa_accuracy"), curve.toString());
            assertFalse(curve.get(e).has("accuracy"), curve.toString());
        }
        JsonNode drift = train.get("drift");
        assertEquals(TrainJob.TIMES.length, drift.size());
        assertEquals(31536000L, drift.get(drift.size() - 1).get("t_seconds").asLong());
        assertEquals(drift.get(drift.size() - 1).get("accuracy_gdc").asDouble(), train.get("accuracy").asDouble(), 0);
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT, "accuracy %.4f at 1 year with GDC (plain "
                + "converted %.4f", train.get("accuracy").asDouble(),
                drift.get(drift.size() - 1).get("plain_accuracy_gdc").asDouble())), printed);
        assertTrue(printed.contains("fine-tuning of the digital network: 2 epochs at Adam 0.0001, weight noise 0.08"),
                printed);
        assertTrue(printed.contains("1 y after programming: hardware-aware") && printed.contains("(with GDC)"), printed);
        assertTrue(train.get("drift_compensation").asBoolean(), train.toString());
    }

    @Test
    void bothChipsAreSavedAndThePlainOneReadsAsReported() throws IOException {
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve(TrainJob.CHIP_FILE)));
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("train.png")));
        AnalogChip plain = AnalogChip.load(dir.resolve("out").resolve(TrainJob.PLAIN_CHIP_FILE).toFile());
        assertEquals(0.0, plain.secondsSinceProgramming(), 0);
        assertTrue(printed.contains("chip-plain.zip (plainly converted chip)"), printed);
    }

    @Test
    void driftCompensationSwitchedOffIsHonouredAndNamed() throws IOException {
        TrainConfig config = new TrainConfig("pcm", TrainConfig.HARDWARE_AWARE, Map.of("driftCompensation", 0.0), 1,
                32, 0.1, 0.8, 0.08, 1, 1e-4, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path outDir = dir.resolve("out-no-gdc");
        Files.createDirectories(outDir);
        new TrainJob(config, Progress.silent(), new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(FashionMnist.folder(data), outDir);
        JsonNode m = new ObjectMapper().readTree(outDir.resolve("metrics.json").toFile()).get("train");
        assertFalse(m.get("drift_compensation").asBoolean(), m.toString());
        assertEquals("1 year after programming, without global drift compensation", m.get("accuracy_at").asText());
        assertEquals(0.0, m.get("overrides").get("driftCompensation").asDouble(), 0);
        JsonNode last = m.get("drift").get(TrainJob.TIMES.length - 1);
        assertTrue(last.has("accuracy") && last.has("plain_accuracy") && !last.has("accuracy_gdc"), last.toString());
        assertEquals(last.get("accuracy").asDouble(), m.get("accuracy").asDouble(), 0);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(without GDC)"), out.toString(StandardCharsets.UTF_8));
    }
}
