package org.dl4jmortal.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.samples.report.Plots;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine;

/** {@code mortal reconstruct} on small chips (20 inputs): both methods end to end, and every kind of refusal. */
class ReconstructCommandTest {
    @TempDir
    static Path dir;

    /** What a run printed and returned. */
    private record Outcome(int status, String out, String err) {
    }

    @BeforeAll
    static void floatDefaults() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static MultiLayerNetwork mlp(Activation hidden, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(12).activation(hidden).build())
                .layer(new DenseLayer.Builder().nIn(12).nOut(10).activation(hidden).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(10).nOut(4)
                        .activation(Activation.SOFTMAX).build()).build());
        net.init();
        return net;
    }

    /** Converts a small MLP into a chip image and returns its file. */
    private static File chip(String name, Activation hidden, String device, Map<String, Double> overrides)
            throws IOException {
        File f = dir.resolve(name + ".zip").toFile();
        new AnalogConverter(device, overrides, 3).convert(mlp(hidden, 1), "test").chip().save(f);
        return f;
    }

    private static Outcome run(String... args) {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ReconstructCommand cmd = new ReconstructCommand(new PrintStream(table, true, StandardCharsets.UTF_8),
                limit -> KeyedRandom.uniform(KeyedRandom.key(2, "x"), DataType.FLOAT, Math.min(limit, 500), 20));
        CommandLine cl = MortalCommand.configure(new CommandLine(cmd));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Outcome(status, table.toString(StandardCharsets.UTF_8), err.toString());
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode metrics(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("reconstruct");
    }

    @Test
    void finiteDifferencesOnAnIdealChipAreExact() throws Exception {
        Path out = dir.resolve("fd");
        Outcome o = run("--chip", chip("ideal", Activation.RELU, "ideal", Map.of()).getPath(), "--at", "1d",
                "--method", "finite-difference", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode m = metrics(out);
        assertEquals(List.of("method", "queries", "seconds", "at_seconds", "agreement", "test_images", "layers", "curve"),
                keys(m));
        assertEquals("finite-difference", m.get("method").asText());
        assertEquals(1.0, m.get("agreement").asDouble(), 0.0, "an ideal chip is reconstructed exactly");
        assertEquals(500, m.get("test_images").asInt());
        assertEquals(3, m.get("layers").size());
        JsonNode first = m.get("layers").get(0);
        assertEquals(List.of("name", "rel_error", "crlb_rel_error", "estimated_rel_error", "queries", "dead_units",
                "biased", "note"), keys(first));
        assertEquals(21, first.get("queries").asLong(), "nIn + 1 forward differences");
        for (JsonNode l : m.get("layers")) {
            assertTrue(l.get("rel_error").asDouble() <= 1e-4, l.toString());
        }
        assertEquals(86400.0, m.get("at_seconds").asDouble(), 1e-3);
        MultiLayerNetwork rebuilt = ModelSerializer.restoreMultiLayerNetwork(out.resolve("reconstructed.zip").toFile());
        assertEquals(3, rebuilt.getnLayers());
        assertTrue(o.out().contains("agreement with the noise-free chip on 500 test images: 1.0000"), o.out());
    }

    @Test
    void leastSquaresOnAPcmChipMeetsTheBoundAndDrawsTheCurve() throws Exception {
        Path out = dir.resolve("ls");
        Outcome o = run("--chip", chip("pcm8", Activation.RELU, "pcm", Map.of("outputBits", 8.0)).getPath(),
                "--at", "1d", "--method", "least-squares", "--budget", "6000", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode m = metrics(out);
        assertEquals(6000, m.get("queries").asLong());
        for (JsonNode l : m.get("layers")) {
            double ratio = l.get("rel_error").asDouble() / l.get("crlb_rel_error").asDouble();
            // one trial: the error of ~100-240 weights has a relative spread near 1/sqrt(2 * 100) ~ 7%
            assertTrue(ratio > 0.75 && ratio < 1.4, l.toString());
            assertEquals(6000, l.get("queries").asLong());
        }
        assertTrue(m.get("agreement").asDouble() >= 0.9, m.toString());
        JsonNode curve = m.get("curve");
        assertTrue(curve.size() >= 3, "checkpoints each time the queries double: " + curve);
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.get(i).get("queries").asLong() > curve.get(i - 1).get("queries").asLong());
        }
        assertEquals(6000, curve.get(curve.size() - 1).get("queries").asLong());
        double early = curve.get(0).get("layers").get(0).get("crlb_rel_error").asDouble();
        double late = curve.get(curve.size() - 1).get("layers").get(0).get("crlb_rel_error").asDouble();
        double queriesRatio = 6000.0 / curve.get(0).get("queries").asDouble();
        // the bound falls as 1 / sqrt(queries) once the design is overdetermined (within 30% of it)
        assertEquals(Math.sqrt(queriesRatio), early / late, 0.3 * Math.sqrt(queriesRatio));
        BufferedImage png = ImageIO.read(out.resolve("reconstruct.png").toFile());
        assertNotNull(png);
        assertEquals(Plots.WIDTH, png.getWidth());
        assertEquals(Plots.HEIGHT, png.getHeight());
    }

    @Test
    void aBudgetTooSmallSaysHowManyQueriesAreNeeded() throws Exception {
        Outcome o = run("--chip", chip("ideal-b", Activation.RELU, "ideal", Map.of()).getPath(), "--budget", "30",
                "--out", dir.resolve("b").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains("too small") && o.err().contains("at least 40 queries"), o.err());
        assertFalse(o.err().contains("at org."), "no stack trace for bad input: " + o.err());
    }

    @Test
    void aChipWithoutTheNeededTapsSaysWhichTap() throws Exception {
        Outcome o = run("--chip", chip("elu", Activation.ELU, "ideal", Map.of()).getPath(), "--taps", "post",
                "--out", dir.resolve("t").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains("no tap 'layer0.pre'") && o.err().contains("activation 'elu")
                && o.err().contains("cannot be inverted"), o.err());
    }

    @Test
    void aTargetBelowTheBoundForTheBudgetIsRefused() throws Exception {
        Outcome o = run("--chip", chip("pcm-t", Activation.RELU, "pcm", Map.of()).getPath(), "--budget", "500",
                "--target-error", "1e-5", "--out", dir.resolve("e").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains("below what the Cramer-Rao bound allows within the budget of 500 queries"),
                o.err());
        assertTrue(o.err().contains("raise the budget to about"), o.err());
    }

    @Test
    void saturatedTapsSuggestASmallerStep() throws Exception {
        Outcome o = run("--chip", chip("tanh", Activation.TANH, "ideal", Map.of()).getPath(), "--taps", "post",
                "--budget", "400", "--amplitude", "200", "--out", dir.resolve("s").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains("saturated") && o.err().contains("smaller"), o.err());
    }

    @Test
    void unknownNamesAreListed() throws Exception {
        File chip = chip("ideal-n", Activation.RELU, "ideal", Map.of());
        Outcome method = run("--chip", chip.getPath(), "--method", "guess", "--out", dir.resolve("n").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, method.status(), method.err());
        assertTrue(method.err().contains("--method guess") && method.err().contains("least-squares"), method.err());
        Outcome taps = run("--chip", chip.getPath(), "--taps", "pre", "--out", dir.resolve("n").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, taps.status(), taps.err());
        assertTrue(taps.err().contains("--taps must be all or post"), taps.err());
    }

    /**
     * A target that the run does not reach is recorded and warned about: metrics.json has {@code target_error} and
     * {@code target_missed}; standard error names exactly the layers whose estimated error is above the target
     * (computed here from the layers' {@code estimated_rel_error}), and at least one layer misses it at this budget.
     */
    @Test
    void aTargetThatIsNotReachedIsRecordedAndWarned() throws Exception {
        Path out = dir.resolve("tm");
        double target = 0.087;
        Outcome o = run("--chip", chip("pcm-tm", Activation.RELU, "pcm", Map.of()).getPath(), "--at", "1d",
                "--budget", "300", "--target-error", String.valueOf(target), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode m = metrics(out);
        assertEquals(target, m.get("target_error").asDouble(), 0.0);
        List<String> missed = new ArrayList<>();
        for (JsonNode l : m.get("layers")) {
            String name = l.get("name").asText();
            boolean above = l.get("estimated_rel_error").asDouble() > target;
            if (above) {
                missed.add(name);
            }
            assertEquals(above, o.err().contains("warning: layer '" + name + "' did not reach --target-error"),
                    name + ": " + l + "\n" + o.err());
        }
        assertFalse(missed.isEmpty(), "a budget of 300 queries should miss 8.7% somewhere: " + m);
        List<String> recorded = new ArrayList<>();
        m.get("target_missed").forEach(n -> recorded.add(n.asText()));
        assertEquals(missed, recorded);
    }

    @Test
    void aTargetErrorThatIsNotAFiniteNumberIsRefused() throws Exception {
        File chip = chip("ideal-nan", Activation.RELU, "ideal", Map.of());
        for (String bad : List.of("NaN", "Infinity", "-Infinity")) {
            Outcome o = run("--chip", chip.getPath(), "--target-error", bad, "--out", dir.resolve("nan").toString());
            assertEquals(MortalCommand.EXIT_BAD_INPUT, o.status(), bad + ": " + o.err());
            assertTrue(o.err().contains("--target-error must be a finite relative error in (0, 1), got " + bad),
                    o.err());
        }
    }

    /**
     * Damaged chip images: a corrupt {@code objects/mortal-chip.json} and a truncated {@code coefficients.bin} each
     * give exit 3 with a message naming the file and the entry, and no stack trace; a directory and a plain DL4J
     * model say what they are.
     */
    @Test
    void damagedChipFilesNameTheFileAndTheEntry() throws Exception {
        File good = chip("ideal-d", Activation.RELU, "ideal", Map.of());
        File badJson = rewrite(good, "badjson", "objects/mortal-chip.json", "not json".getBytes(StandardCharsets.UTF_8));
        File badCoef = rewrite(good, "badcoef", "coefficients.bin", new byte[100]);
        Outcome json = run("--chip", badJson.getPath(), "--out", dir.resolve("d1").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, json.status(), json.err());
        assertTrue(json.err().contains(badJson.getPath()) && json.err().contains("entry objects/mortal-chip.json"),
                json.err());
        Outcome coef = run("--chip", badCoef.getPath(), "--out", dir.resolve("d2").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, coef.status(), coef.err());
        assertTrue(coef.err().contains(badCoef.getPath()) && coef.err().contains("entry coefficients.bin"),
                coef.err());
        for (Outcome o : List.of(json, coef)) {
            assertFalse(o.err().contains("\tat ") || o.err().contains(": null"), "no stack trace, no null: " + o.err());
        }
        Outcome folder = run("--chip", dir.toString(), "--out", dir.resolve("d3").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, folder.status(), folder.err());
        assertTrue(folder.err().contains("is a directory"), folder.err());
        File model = dir.resolve("digital.zip").toFile();
        ModelSerializer.writeModel(mlp(Activation.RELU, 1), model, false);
        Outcome plain = run("--chip", model.getPath(), "--out", dir.resolve("d4").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, plain.status(), plain.err());
        assertTrue(plain.err().contains("mortal convert --model"), plain.err());
    }

    /** Copies a zip, replacing one entry's bytes. */
    private static File rewrite(File zip, String name, String entry, byte[] bytes) throws IOException {
        File out = dir.resolve(name + ".zip").toFile();
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(zip);
             java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(new java.io.FileOutputStream(out))) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(in.entries())) {
                z.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                z.write(e.getName().equals(entry) ? bytes : in.getInputStream(e).readAllBytes());
                z.closeEntry();
            }
        }
        return out;
    }

    @Test
    void wordingOfTheMinimumBudget() throws Exception {
        Outcome one = run("--chip", chip("ideal-w", Activation.RELU, "ideal", Map.of()).getPath(), "--budget", "1",
                "--out", dir.resolve("w").toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, one.status(), one.err());
        assertTrue(one.err().contains("budget of 1 query is too small"), one.err());
    }
}
