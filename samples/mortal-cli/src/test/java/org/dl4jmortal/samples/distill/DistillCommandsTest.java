package org.dl4jmortal.samples.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.samples.cli.MortalCommand;
import org.dl4jmortal.samples.demo.DigitalMlp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import picocli.CommandLine;

/** distill and clone on the command line (tiny budgets on the embedded data): files, metrics and bad input. */
class DistillCommandsTest {
    @TempDir
    static Path tmp;
    static File chip;

    @BeforeAll
    static void saveChip() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MultiLayerNetwork net = DigitalMlp.create(7, 1e-3);
        chip = tmp.resolve("chip.zip").toFile();
        new AnalogConverter("pcm", Map.of(), 7).convert(net, "test").chip().save(chip);
    }

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(stdout, true));
        try {
            CommandLine cl = MortalCommand.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int status = cl.execute(args);
            return new Outcome(status, stdout + out.toString(), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void distillWritesAnOrdinaryStudentAndTheMetrics() throws Exception {
        Path out = tmp.resolve("distill");
        Outcome o = run("distill", "--chip", chip.getPath(), "--at", "1d", "--data", "embedded", "--transfer",
                "uniform:300", "--epochs", "1", "--passes", "2", "--test-images", "100", "--quiet", "--out",
                out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("distill");
        for (String k : new String[] {"method", "agreement", "teacher_self_agreement", "kl", "teacher_accuracy",
            "student_accuracy", "queries"}) {
            assertNotNull(m.get(k), k);
        }
        assertEquals("kd", m.get("method").asText());
        assertEquals(300, m.get("queries").asLong(), "one query per transfer row");
        assertEquals(3 * 100, m.get("evaluation_queries").asLong(), "K = 2 passes and one self-agreement pass");
        assertEquals(86400.0, m.get("teacher_at_seconds").asDouble(), 1e-6);
        assertEquals(4.0, m.get("temperature").asDouble());
        assertEquals(0.9, m.get("alpha").asDouble());
        MultiLayerNetwork student = ModelSerializer.restoreMultiLayerNetwork(out.resolve("student.zip").toFile());
        assertEquals(3, student.getnLayers());
        assertTrue(((BaseOutputLayer) student.getOutputLayer().conf().getLayer()).getLossFn() instanceof LossMCXENT,
                "the saved student carries its own loss, nothing of the distiller");
        assertNotNull(ImageIO.read(out.resolve("distill.png").toFile()));
    }

    @Test
    void cloneWritesOneRowPerCloneAndThePlot() throws Exception {
        Path out = tmp.resolve("clone");
        Outcome o = run("clone", "--chip", chip.getPath(), "--at", "1d", "--n", "2", "--data", "embedded",
                "--transfer", "uniform:300", "--epochs", "1", "--passes", "2", "--test-images", "100", "--quiet",
                "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(2, m.get("clones").size());
        for (JsonNode c : m.get("clones")) {
            for (String k : new String[] {"seed", "agreement", "accuracy", "agreement_1d"}) {
                assertNotNull(c.get(k), k);
            }
        }
        assertEquals(300 + 3 * 100, m.get("fleet").get("queries").asLong());
        assertNotNull(ImageIO.read(out.resolve("clones.png").toFile()));
        assertTrue(o.out().contains("fleet of 2 pcm clones"), o.out());
    }

    @Test
    void badInputIsRefusedWithSpecificMessages() {
        String out = tmp.resolve("bad").toString();
        Outcome t = run("distill", "--chip", chip.getPath(), "--temperature", "0", "--out", out);
        assertEquals(MortalCommand.EXIT_BAD_INPUT, t.status());
        assertTrue(t.err().contains("--temperature must be a finite number > 0, got 0.0"), t.err());
        Outcome a = run("distill", "--chip", chip.getPath(), "--alpha", "1.5", "--out", out);
        assertEquals(MortalCommand.EXIT_BAD_INPUT, a.status());
        assertTrue(a.err().contains("--alpha must lie in [0, 1]"), a.err());
        Outcome n = run("clone", "--chip", chip.getPath(), "--n", "0", "--out", out);
        assertEquals(MortalCommand.EXIT_BAD_INPUT, n.status());
        assertTrue(n.err().contains("--n: a fleet needs N >= 1 clones, got 0"), n.err());
        Outcome set = run("distill", "--chip", chip.getPath(), "--transfer", "everything", "--out", out);
        assertEquals(MortalCommand.EXIT_BAD_INPUT, set.status());
        assertTrue(set.err().contains("--transfer must be train, unlabelled"), set.err());
        Outcome width = run("distill", "--chip", chip.getPath(), "--data", "embedded", "--student",
                "mlp:100-32-10", "--transfer", "uniform:10", "--quiet", "--out", out);
        assertEquals(MortalCommand.EXIT_BAD_INPUT, width.status());
        assertTrue(width.err().contains("the student takes 100 inputs per row but the teacher takes 784"),
                width.err());
        Outcome tap = run("distill", "--chip", chip.getPath(), "--data", "embedded", "--method", "hint", "--hints",
                "hidden1=hidden7.post", "--transfer", "uniform:10", "--quiet", "--out", out);
        assertEquals(MortalCommand.EXIT_BAD_INPUT, tap.status());
        assertTrue(tap.err().contains("the teacher has no tap 'hidden7.post'"), tap.err());
        Outcome method = run("distill", "--chip", chip.getPath(), "--method", "osmosis", "--out", out);
        assertEquals(MortalCommand.EXIT_BAD_INPUT, method.status());
        assertTrue(method.err().contains("installed distiller plugins: [hint, kd]"), method.err());
        Outcome fineTune = run("clone", "--chip", chip.getPath(), "--fine-tune-epochs", "1", "--data", "embedded",
                "--transfer", "uniform:10", "--epochs", "1", "--test-images", "20", "--quiet", "--out", out);
        assertEquals(MortalCommand.EXIT_BAD_INPUT, fineTune.status());
        assertTrue(fineTune.err().contains("no pulse rule"), fineTune.err());
    }
}
