package org.dl4jmortal.samples.toanalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sample as its README runs it, on 500 training and 200 test images so that it takes seconds. */
class DigitalToAnalogTest {
    private static final String[] SMALL = {"--train-per-class", "50", "--test-per-class", "20", "--hidden", "64"};

    private static DigitalToAnalog.Result run(String... args) {
        DigitalToAnalog sample = new DigitalToAnalog();
        String[] all = new String[SMALL.length + args.length];
        System.arraycopy(SMALL, 0, all, 0, SMALL.length);
        System.arraycopy(args, 0, all, SMALL.length, args.length);
        assertEquals(0, DigitalToAnalog.commandLine(sample).execute(all));
        return sample.result();
    }

    @Test
    void aTrainedModelBecomesAPcmChipWithADriftTableAndOnAnIdealDeviceStaysExact(@TempDir Path dir)
            throws Exception {
        DigitalToAnalog.Result pcm = run("--epochs", "2", "--repeats", "2", "--out", dir.resolve("pcm").toString());
        assertTrue(pcm.digitalAccuracy() > 0.5, "digital accuracy " + pcm.digitalAccuracy());
        assertEquals(List.of("hidden1", "output"), pcm.conversion().analogLayers());
        assertEquals(List.of(1.0, 3600.0, 86_400.0, 2_592_000.0, 31_536_000.0),
                pcm.drift().stream().map(DriftRow::seconds).toList());
        for (DriftRow r : pcm.drift()) {
            assertTrue(r.accuracy() >= 0 && r.accuracy() <= 1 && r.gdc() >= 0 && r.gdc() <= 1, r.toString());
        }
        // programming noise costs a little at 1 s; 0.1 is ten times the std of a 200-image accuracy at p = 0.7
        assertEquals(pcm.digitalAccuracy(), pcm.drift().get(0).gdc(), 0.1, pcm.drift().toString());
        assertTrue(Files.readString(dir.resolve("pcm").resolve("drift.md")).contains("| 1 year |"));
        assertEquals("pcm", AnalogChip.load(pcm.chipFile().toFile()).info().device());

        // the same saved model on the noise-free `ideal` device: every cell of the table is the digital accuracy
        DigitalToAnalog.Result ideal = run("--model", pcm.digitalFile().toString(), "--device", "ideal",
                "--repeats", "1", "--out", dir.resolve("ideal").toString());
        assertEquals(pcm.digitalAccuracy(), ideal.digitalAccuracy(), 0.0, "the same model file");
        for (DriftRow r : ideal.drift()) {
            assertEquals(ideal.digitalAccuracy(), r.accuracy(), 1e-9, r.toString());
            assertEquals(ideal.digitalAccuracy(), r.gdc(), 1e-9, r.toString());
        }
    }

    @Test
    void badOptionsAreClearErrors(@TempDir Path dir) {
        for (String[] c : new String[][]{
            {"--model", dir.resolve("missing.zip").toString(), "is not a file"},
            {"--device", "no-such-device", "unknown device 'no-such-device'"},
            {"--set", "outputBits=1", "outputBits=1.0 is not allowed"},
            {"--hidden", "0", "--hidden needs one or more layer widths >= 1"},
            {"--repeats", "0", "--repeats must be >= 1"}}) {
            StringWriter err = new StringWriter();
            CommandLine cl = DigitalToAnalog.commandLine(new DigitalToAnalog());
            cl.setErr(new PrintWriter(err));
            int status = cl.execute(c[0], c[1], "--train-per-class", "5", "--test-per-class", "5", "--epochs", "1",
                    "--hidden", c[0].equals("--hidden") ? c[1] : "8", "--out", dir.toString());
            assertEquals(3, status, c[0] + " " + c[1] + ": " + err);
            assertTrue(err.toString().startsWith("dl4j-to-analog: error: ") && err.toString().contains(c[2]),
                    err.toString());
        }
    }
}
