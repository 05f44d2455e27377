package org.dl4jmortal.samples.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.samples.demo.DemoConfig;
import org.dl4jmortal.samples.demo.DemoStepContext;
import org.dl4jmortal.samples.demo.DemoStepResult;
import org.dl4jmortal.samples.demo.DigitalMlp;
import org.dl4jmortal.samples.io.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The demo's distillation and fleet steps on a slice of the embedded data. */
class DemoStepsTest {

    @Test
    void stepsWriteTheirSectionsAndPreferTheInPlaceChip(@TempDir Path dir) throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MultiLayerNetwork digital = DigitalMlp.create(3, 1e-3);
        Path converted = dir.resolve("chip.zip");
        Path inPlace = dir.resolve("chip-inplace.zip");
        new AnalogConverter("pcm", Map.of(), 3).convert(digital, "test").chip().save(converted.toFile());
        Files.copy(converted, inPlace);
        LabelledImages train = FashionMnist.embedded().train().firstPerClass(20);
        LabelledImages test = FashionMnist.embedded().test().firstPerClass(10);
        DemoStepContext context = new DemoStepContext(DemoConfig.builder().seed(3).build(), FashionMnist.embedded(),
                train, test, digital, 0.5, List.of(), dir, Map.of("chip", converted, "chip-inplace", inPlace), Progress.silent(),
                new PrintStream(new ByteArrayOutputStream()));

        DemoStepResult d = new DistillDemoStep().run(context);
        assertEquals("distill", d.key());
        @SuppressWarnings("unchecked") Map<String, Object> dm = (Map<String, Object>) d.metrics();
        assertEquals("chip-inplace.zip", dm.get("chip"), "the in-place chip is preferred");
        assertEquals(86400.0, (Double) dm.get("teacher_at_seconds"), 1e-6);
        assertEquals((long) train.size(), dm.get("queries"));
        assertTrue(d.markdown().startsWith("## Distillation"), d.markdown());
        assertTrue(Files.isRegularFile(d.artefacts().get("student")));

        DemoStepResult f = new FleetDemoStep().run(context);
        assertEquals("fleet", f.key());
        @SuppressWarnings("unchecked") Map<String, Object> fm = (Map<String, Object>) f.metrics();
        assertEquals(FleetDemoStep.CLONES, ((java.util.List<?>) fm.get("clones")).size());
        assertTrue(f.markdown().startsWith("## Clones"), f.markdown());
        assertTrue(Files.isRegularFile(dir.resolve(FleetDemoStep.PLOT_FILE)));
    }
}
