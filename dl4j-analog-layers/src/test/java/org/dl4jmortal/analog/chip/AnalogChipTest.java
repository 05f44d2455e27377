package org.dl4jmortal.analog.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.layers.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AnalogChipTest extends BaseDL4JTest {

    private static AnalogChip pcmChip(long seed) {
        MultiLayerNetwork digital = Nets.digitalMlp(DataType.FLOAT, 5, 30, 20, 10, 4, Activation.RELU);
        return new AnalogConverter("pcm", Map.of(), seed).convert(digital, "test").chip();
    }

    @Test
    void saveAndLoadKeepClockStateAndNoiseFreeFunction(@TempDir Path dir) throws Exception {
        AnalogChip chip = pcmChip(11);
        chip.setSecondsSinceProgramming(3600);
        INDArray x = Nd4j.rand(DataType.FLOAT, 9, 30);
        INDArray noiseFree = chip.evaluationOracle().noiseFreeOutput(x);
        File f = dir.resolve("chip.zip").toFile();
        chip.save(f);
        AnalogChip loaded = AnalogChip.load(f);
        assertEquals(3600.0, loaded.secondsSinceProgramming(), 1e-3);
        assertEquals(chip.info(), loaded.info());
        assertTrue(noiseFree.equalsWithEps(loaded.evaluationOracle().noiseFreeOutput(x), 1e-6));
        assertEquals(chip.taps(), loaded.taps());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void sameSeedSameChipOtherSeedOtherChip() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 30);
        INDArray a = pcmChip(21).evaluationOracle().effectiveWeights("layer0");
        INDArray b = pcmChip(21).evaluationOracle().effectiveWeights("layer0");
        INDArray c = pcmChip(22).evaluationOracle().effectiveWeights("layer0");
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(pcmChip(21).output(x), pcmChip(21).output(x));
    }

    @Test
    void tapsAreNamedPreAndPostPerAnalogLayer() {
        AnalogChip chip = pcmChip(1);
        assertEquals(List.of("layer0.pre", "layer0.post", "layer1.pre", "layer1.post", "layer2.pre", "layer2.post"),
                chip.taps().stream().map(t -> t.name()).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chip.query(Nd4j.rand(DataType.FLOAT, 1, 30), List.of("layer9.pre")));
        assertTrue(e.getMessage().contains("layer0.pre"), e.getMessage());
    }

    @Test
    void badInputsGiveClearErrors(@TempDir Path dir) throws Exception {
        AnalogChip chip = pcmChip(2);
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> chip.output(Nd4j.rand(DataType.FLOAT, 2, 29)));
        assertTrue(wrongWidth.getMessage().contains("30"), wrongWidth.getMessage());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 30);
        x.putScalar(1, 7, Double.NaN);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> chip.output(x));
        assertTrue(nan.getMessage().contains("[1, 7]"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> chip.setSecondsSinceProgramming(-1));
        assertThrows(IllegalArgumentException.class, () -> chip.setSecondsSinceProgramming(Double.NaN));
        File notZip = dir.resolve("x.zip").toFile();
        Files.writeString(notZip.toPath(), "hello");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> AnalogChip.load(notZip));
        assertTrue(bad.getMessage().contains("not a chip image"), bad.getMessage());
    }

    @Test
    void driftLowersConductanceAndCompensationRestoresScale() {
        AnalogChip chip = pcmChip(3);
        INDArray w0 = chip.evaluationOracle().effectiveWeights("layer0");
        chip.setDriftCompensation(false);
        chip.setSecondsSinceProgramming(365 * 86400.0);
        double ratio = chip.evaluationOracle().effectiveWeights("layer0").norm1Number().doubleValue()
                / w0.norm1Number().doubleValue();
        // mean drift exponent >= 0.049 over ((t + t0)/t0) = 1.6e6: conductance shrinks to at most ~0.5 on average
        assertTrue(ratio < 0.6 && ratio > 0.2, "drifted/initial weight mass " + ratio);
        chip.setDriftCompensation(true);
        double compensated = chip.evaluationOracle().effectiveWeights("layer0").norm1Number().doubleValue()
                / w0.norm1Number().doubleValue();
        assertEquals(1.0, compensated, 0.15, "GDC restores the output scale");
    }
}
