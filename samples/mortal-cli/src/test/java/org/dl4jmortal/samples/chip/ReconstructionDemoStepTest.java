package org.dl4jmortal.samples.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.samples.demo.DemoConfig;
import org.dl4jmortal.samples.demo.DemoStepContext;
import org.dl4jmortal.samples.demo.DemoStepResult;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.ReconstructionMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The demo's reconstruction step on a small PCM chip (784-12-10) and 50 embedded test images. */
class ReconstructionDemoStepTest {

    private static MultiLayerNetwork small() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(12).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(12).nOut(10)
                        .activation(Activation.SOFTMAX).build()).build());
        net.init();
        return net;
    }

    @Test
    void reconstructsTheChipAndReportsAgainstTheBound(@TempDir Path dir) throws IOException {
        MultiLayerNetwork digital = small();
        Path chip = dir.resolve("chip.zip");
        new AnalogConverter("pcm", Map.of(), 5).convert(digital, "test").chip().save(chip.toFile());
        LabelledImages test = FashionMnist.embedded().test().firstPerClass(5);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoStepContext context = new DemoStepContext(DemoConfig.builder().seed(4).build(), FashionMnist.embedded(),
                test, test, digital, 0.5, List.of(), dir, Map.of("chip", chip), Progress.silent(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        DemoStepResult r = new ReconstructionDemoStep(4000, 86400).run(context);
        assertEquals("reconstruct", r.key());
        ReconstructionMetrics m = (ReconstructionMetrics) r.metrics();
        assertEquals("least-squares", m.method());
        assertEquals(4000, m.queries());
        assertEquals(86400.0, m.atSeconds(), 1e-9);
        assertEquals(50, m.testImages());
        assertEquals(2, m.layers().size());
        for (ReconstructionMetrics.Layer l : m.layers()) {
            // one trial of about 9,000 and 120 weights: within 30% of the bound
            assertTrue(l.ratio() > 0.7 && l.ratio() < 1.3, l.toString());
        }
        assertTrue(m.agreement() >= 0.9, "agreement " + m.agreement());
        assertTrue(m.curve().size() >= 2, "curve " + m.curve().size());
        assertTrue(r.markdown().startsWith("## Weight reconstruction"), r.markdown());
        assertTrue(r.markdown().contains("| layer | rel_error | crlb_rel_error | ratio |"), r.markdown());
        assertTrue(r.markdown().contains("](reconstruct.png)"), r.markdown());
        assertTrue(Files.size(r.artefacts().get("reconstructed")) > 0);
        assertTrue(Files.size(r.artefacts().get("reconstruct-plot")) > 0);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("weight reconstruction at 1 d: 4000 queries"),
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badSettingsAreRefused() {
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> new ReconstructionDemoStep(0, 1));
        assertTrue(budget.getMessage().contains("budget must be > 0"), budget.getMessage());
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
                () -> new ReconstructionDemoStep(10, -1));
        assertTrue(time.getMessage().contains(">= 0 s"), time.getMessage());
    }
}
