package org.dl4jmortal.samples.copyout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

/** The sample as its README runs it, on a 784-32-10 chip and 1,000 transfer images so that it takes seconds. */
class CopyOutTest {

    @Test
    void tapsReconstructionAndAFleetOfTwoClones(@TempDir Path dir) throws Exception {
        CopyOut sample = new CopyOut();
        int status = CopyOut.commandLine(sample).execute("--train-per-class", "100", "--test-per-class", "20",
                "--hidden", "32", "--epochs", "2", "--clones", "2", "--passes", "3", "--budget", "3000", "--out", dir.toString());
        assertEquals(0, status);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("copy-out.json").toFile()).get("copy_out");

        JsonNode chip = json.get("chip");
        assertEquals("soft-bounds", chip.get("device").asText());
        assertEquals(4 * 200, chip.get("reference_queries").asLong(), "K + 1 = 4 passes over 200 test images");
        // a chip trained on 1,000 images is noisy near its decision boundaries: measured self-agreement 0.815
        // (seed 42); chance agreement between two random labellings of 10 classes is 0.1
        double self = chip.get("self_agreement").asDouble();
        assertTrue(self > 0.5 && self <= 1.0, "self-agreement " + self);

        JsonNode taps = json.get("taps");
        assertEquals(1000, taps.get("rows").asLong());
        for (String[] t : new String[][]{{"hidden1.pre", "32"}, {"hidden1.post", "32"}, {"output.pre", "10"},
            {"output.post", "10"}}) {
            Path npy = dir.resolve("taps").resolve(t[0] + ".npy");
            String header = new String(Files.readAllBytes(npy), 0, 128, StandardCharsets.ISO_8859_1);
            assertTrue(header.contains("'shape': (1000, " + t[1] + ")"), t[0] + ": " + header);
        }

        JsonNode copy = json.get("copies").get(0);
        assertEquals("reconstruction (least-squares)", copy.get("method").asText());
        long queries = copy.get("queries").asLong();
        assertTrue(queries > 0 && queries <= 3000, "the budget of 3000 queries is respected: " + queries);
        // a reconstruction within a few percent of the weights agrees with the chip about as often as the chip itself
        assertTrue(copy.get("agreement").asDouble() >= self - 0.05, copy.toString());
        assertEquals(2, copy.get("clones").size());
        for (JsonNode c : copy.get("clones")) {
            // each clone adds PCM programming noise to the copy: below the copy's agreement, far above chance (0.1)
            assertTrue(c.get("agreement").asDouble() > 0.5, c.toString());
        }

        // distillation (kd) on the tap files of step 2: the chip was queried once per transfer image while the taps
        // were recorded, never while the student trained
        JsonNode kd = json.get("copies").get(1);
        assertEquals("distillation (kd)", kd.get("method").asText());
        assertEquals(1000, kd.get("queries").asLong(), "one query per transfer image (100 per class x 10), recorded once");
        assertEquals(0, kd.get("details").get("queries_while_distilling").asLong());
        assertEquals("recorded", kd.get("details").get("teacher_outputs").asText());
        assertEquals(1000, kd.get("details").get("transfer_rows").asLong());
        JsonNode loss = kd.get("details").get("loss_per_epoch");
        assertEquals(10, loss.size(), "--distill-epochs defaults to 10, as mortal distill");
        assertTrue(loss.get(9).asDouble() < loss.get(0).asDouble(), "the kd loss falls: " + loss);
        // a noise-free student that learnt the chip's function from only 1,000 transfer rows comes within 0.1 of the
        // agreement of one pass of the chip itself: measured 0.760 against self-agreement 0.815 (seed 42; the
        // Tiki-Taka-trained chip is less noisy than the pulsed-SGD one was, 0.755, when the student reached 0.800)
        assertTrue(kd.get("agreement").asDouble() >= self - 0.1, kd + " self-agreement " + self);
        assertEquals(2, kd.get("clones").size());
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| reconstruction (least-squares) |"));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| distillation (kd) |"));
        assertTrue(sample.report().containsKey("copies"));
    }

    @Test
    void hintDistillationGuidesTheHiddenLayerByTheRecordedTap(@TempDir Path dir) throws Exception {
        int status = CopyOut.commandLine(new CopyOut()).execute("--distiller", "hint", "--epochs", "3",
                "--train-per-class", "20", "--test-per-class", "10", "--hidden", "16", "--clones", "1", "--passes", "1",
                "--budget", "1600", "--out", dir.toString());
        assertEquals(0, status);
        JsonNode hint = new ObjectMapper().readTree(dir.resolve("copy-out.json").toFile()).get("copy_out")
                .get("copies").get(1);
        assertEquals("distillation (hint)", hint.get("method").asText());
        // FitNets' default mapping: the student's one hidden layer regresses the chip's one hidden .post tap, read
        // from the tap files (recorded once: 20 per class x 10 queries, none while distilling)
        assertEquals("hidden1.post", hint.get("details").get("hints").get("hidden1").asText());
        assertEquals(1, hint.get("details").get("hints").size());
        assertEquals(200, hint.get("queries").asLong());
        assertEquals(0, hint.get("details").get("queries_while_distilling").asLong());
    }

    @Test
    void theMajorityVoteBreaksTiesTowardsTheSmallerClass() {
        int[] m = Agreement.majority(List.of(Nd4j.createFromArray(new float[][]{{0.1f, 0.9f}, {0.6f, 0.4f}}),
                Nd4j.createFromArray(new float[][]{{0.8f, 0.2f}, {0.7f, 0.3f}})));
        assertArrayEquals(new int[]{0, 0}, m);
        assertEquals(0.5, Agreement.agreement(new int[]{1, 2}, new int[]{1, 3}));
        assertThrows(IllegalArgumentException.class, () -> Agreement.agreement(new int[]{1}, new int[]{1, 2}));
    }

    @Test
    void badOptionsAreClearErrors(@TempDir Path dir) {
        for (String[] c : new String[][]{
            {"--clones", "0", "--clones must be >= 1"},
            {"--at", "-5", "--at must be finite and >= 0 seconds"},
            {"--chip", dir.resolve("missing.zip").toString(), "is not a file"},
            {"--fleet-device", "no-such-device", "unknown device 'no-such-device'"},
            {"--budget", "-1", "--budget must be >= 0"},
            {"--distill-epochs", "0", "--distill-epochs must be >= 1"},
            {"--distiller", "no-such-distiller", "no-such-distiller"}}) {
            StringWriter err = new StringWriter();
            CommandLine cl = CopyOut.commandLine(new CopyOut());
            cl.setErr(new PrintWriter(err));
            int status = cl.execute(c[0], c[1], "--train-per-class", "5", "--test-per-class", "5", "--out",
                    dir.toString());
            assertEquals(3, status, c[0] + " " + c[1] + ": " + err);
            assertTrue(err.toString().startsWith("copy-out: error: ") && err.toString().contains(c[2]),
                    err.toString());
        }
    }
}
