package org.dl4jmortal.samples.inplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sample as its README runs it, on 1,000 training images so that it takes seconds. */
class InPlaceMlpTest {

    @Test
    void trainsInPlaceFarAboveChanceAndTheSavedFileHoldsTheTrainedDevices(@TempDir Path dir) throws Exception {
        InPlaceMlp sample = new InPlaceMlp();
        int status = InPlaceMlp.commandLine(sample).execute("--train-per-class", "100", "--test-per-class", "20",
                "--hidden", "64", "--epochs", "3", "--out", dir.toString());
        assertEquals(0, status);
        InPlaceTraining.Result r = sample.result();
        assertEquals(1000, r.trainImages());
        assertEquals(200, r.testImages());
        assertEquals(3, r.testAccuracy().size());
        // chance is 0.10; Tiki-Taka transfers one row per image, so the first layer's 784 rows need a few thousand
        // images to be visited a few times: measured 0.345, 0.475, 0.52 with these options and seed 42
        assertTrue(r.testAccuracy().get(2) > 0.4, "accuracy " + r.testAccuracy());
        assertTrue(r.testAccuracy().get(2) > r.testAccuracy().get(0), "later epochs learn more");
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(r.model().toFile());
        assertEquals(r.network().getLayerWiseConfigurations().toJson(), restored.getLayerWiseConfigurations().toJson());
        assertEquals(r.network().params(), restored.params(), "device states survive ModelSerializer");
    }

    @Test
    void badOptionsAreClearErrors(@TempDir Path dir) {
        for (String[] c : new String[][]{
            {"--device", "pcm", "no pulse rule"},
            {"--device", "no-such-device", "unknown device 'no-such-device'"},
            {"--hidden", "64,0", "--hidden needs one or more layer widths >= 1"},
            {"--lr-decay", "1.5", "--lr-decay must lie in (0, 1]"},
            {"--train-per-class", "5000", "cannot take 5000 per class"}}) {
            StringWriter err = new StringWriter();
            CommandLine cl = InPlaceMlp.commandLine(new InPlaceMlp());
            cl.setErr(new PrintWriter(err));
            int status = cl.execute(c[0], c[1], "--epochs", "1", "--out", dir.toString());
            assertEquals(3, status, c[0] + " " + c[1] + ": " + err);
            assertTrue(err.toString().startsWith("inplace-mlp: error: ") && err.toString().contains(c[2]),
                    err.toString());
        }
    }
}
