package org.dl4jmortal.samples.plugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dl4jmortal.samples.cli.MortalCommand;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.IdxWriter;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.samples.plugin.AgaSiDeviceModel;
import org.dl4jmortal.samples.plugin.JsonLinesExporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 7 acceptance, in one JVM: with this module's jar on the class path (failsafe runs after {@code package} and
 * puts {@code plugin-sample-VERSION.jar}, not {@code target/classes}, on the class path) the unchanged {@code mortal}
 * commands list and use the plugin's device and exporter by name. (This class lives in its own package so that the
 * plugin's package is defined from the jar, with the jar manifest's version.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginOnTheCommandLineIT {
    private static final String VERSION = System.getProperty("plugin.version", "missing plugin.version");
    private static final String JAR = System.getProperty("plugin.jar", "missing plugin.jar");

    @TempDir
    static Path dir;
    private static Path data;

    private record Run(int status, String out, String err) {
    }

    private static Run mortal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MortalCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** A 200 + 100 image Fashion-MNIST folder (the first 20 and 10 images of each class of the embedded subset). */
    @BeforeAll
    static void tinyData() throws IOException {
        data = Files.createDirectories(dir.resolve("data"));
        LabelledImages train = FashionMnist.embedded().train().firstPerClass(20);
        LabelledImages test = FashionMnist.embedded().test().firstPerClass(10);
        IdxWriter.writeImages(train.images(), data.resolve(FashionMnist.TRAIN_IMAGES));
        IdxWriter.writeLabels(train.labels(), data.resolve(FashionMnist.TRAIN_LABELS));
        IdxWriter.writeImages(test.images(), data.resolve(FashionMnist.TEST_IMAGES));
        IdxWriter.writeLabels(test.labels(), data.resolve(FashionMnist.TEST_LABELS));
    }

    private static String[] row(String listing, String kind, String name) {
        for (String line : listing.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5 && f[0].equals(kind) && f[1].equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no " + kind + " " + name + " in\n" + listing);
    }

    @Test
    @Order(1)
    void pluginsListsTheDeviceAndTheExporterFromThisJar() {
        Run r = mortal("plugins");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("device", "ag-asi", AgaSiDeviceModel.class.getName(), VERSION, JAR),
                List.of(row(r.out(), "device", "ag-asi")));
        assertEquals(List.of("exporter", "jsonl", JsonLinesExporter.class.getName(), VERSION, JAR),
                List.of(row(r.out(), "exporter", "jsonl")));
        assertEquals("org.dl4jmortal.analog.device.PcmDeviceModel", row(r.out(), "device", "pcm")[2]);
    }

    @Test
    @Order(2)
    void deviceDrawsTheNeuroSimCurve() throws IOException {
        Path out = dir.resolve("device");
        Run r = mortal("device", "--name", "ag-asi", "--set", "cycleToCycle=0", "--pulses", "30", "--devices", "4",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode points = new ObjectMapper().readTree(out.resolve("device.json").toFile()).get("points");
        assertEquals(61, points.size());
        // eq. (8) of Chen, Peng & Yu 2018 in normalised units, from w = 0 (u = 0.5) advanced by 30 pulses
        double a = 0.499181;
        double pmax = 97;
        double b = 1 / (1 - Math.exp(-1 / a));
        double p0 = -a * pmax * Math.log(1 - 0.5 / b);
        double u30 = b * (1 - Math.exp(-(p0 + 30) / (a * pmax)));
        assertEquals(-1 + 2 * u30, points.get(30).get("mean").asDouble(), 1e-9);
        assertTrue(Files.size(out.resolve("device.png")) > 1000);

        Run auto = mortal("device", "--name", "ag-asi", "--devices", "50", "--out", dir.resolve("device2").toString());
        assertEquals(0, auto.status(), auto.err());
        assertTrue(auto.out().contains("device ag-asi: 50 devices"), auto.out());
    }

    @Test
    @Order(3)
    void trainRunsInPlaceOnTheDeviceAndTapsExportJsonLines() throws IOException {
        Path trained = dir.resolve("train");
        Run r = mortal("train", "--device", "ag-asi", "--epochs", "1", "--batch", "50", "--data", data.toString(),
                "--out", trained.toString(), "--quiet", "--seed", "3");
        assertEquals(0, r.status(), r.err());
        JsonNode train = new ObjectMapper().readTree(trained.resolve("metrics.json").toFile()).get("train");
        assertEquals("ag-asi", train.get("device").asText());
        assertEquals("in-place", train.get("mode").asText());
        assertEquals(1, train.get("epochs").asInt());
        double accuracy = train.get("accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        assertTrue(Files.isRegularFile(trained.resolve("chip.zip")));

        Path taps = dir.resolve("taps");
        Run t = mortal("taps", "--chip", trained.resolve("chip.zip").toString(), "--synthetic", "uniform:40",
                "--taps", "output.post", "--format", "jsonl", "--out", taps.toString(), "--no-progress");
        assertEquals(0, t.status(), t.err());
        List<String> lines = Files.readAllLines(taps.resolve("output.post.jsonl"));
        assertEquals(40, lines.size());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            assertEquals(10, row.size());
            double sum = 0;
            for (JsonNode v : row) {
                sum += v.asDouble();
            }
            assertEquals(1.0, sum, 1e-4, "a softmax row sums to 1: " + line);
        }
        assertTrue(Files.readString(taps.resolve("manifest.json")).contains("jsonl"));
    }

    @Test
    @Order(4)
    void anUnknownFormatListsTheInstalledExportersWithThePlugin() {
        Run t = mortal("taps", "--chip", dir.resolve("train").resolve("chip.zip").toString(), "--synthetic",
                "uniform:4", "--format", "parquet", "--out", dir.resolve("taps2").toString(), "--no-progress");
        assertEquals(MortalCommand.EXIT_BAD_INPUT, t.status(), t.out());
        assertTrue(t.err().contains("parquet") && t.err().contains("jsonl") && t.err().contains("npy"), t.err());
    }
}
