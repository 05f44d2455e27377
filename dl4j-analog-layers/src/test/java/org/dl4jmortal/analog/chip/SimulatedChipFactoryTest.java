package org.dl4jmortal.analog.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.dl4jmortal.spi.chip.ChipDesign;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.chip.LayerDesign;
import org.dl4jmortal.spi.chip.ProgrammableChip;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.distill.OutputLoss;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** The chip factory {@code simulated}: fresh chips of a design, programming, in-place training, bad designs. */
class SimulatedChipFactoryTest extends BaseDL4JTest {

    @Override
    public DataType getDataType() {
        return DataType.FLOAT;
    }

    /** Half the squared distance of the logits from the targets: gradient {@code z - t}. */
    private static final OutputLoss HALF_SQUARED = new OutputLoss() {
        @Override
        public int targetWidth(int outputWidth) {
            return outputWidth;
        }

        @Override
        public INDArray rowLosses(INDArray logits, INDArray targets) {
            INDArray d = logits.sub(targets);
            return d.mul(d).sum(true, 1).muli(0.5);
        }

        @Override
        public INDArray gradient(INDArray logits, INDArray targets) {
            return logits.sub(targets);
        }
    };

    private static ChipFactory factory() {
        return MortalRegistry.global().get(PluginKind.CHIP_FACTORY, SimulatedChipFactory.NAME);
    }

    private static ChipDesign design(String device, long seed) {
        return new ChipDesign(device, Map.of(), List.of(new LayerDesign("hidden1", 6, 5, "relu", true),
                new LayerDesign("output", 5, 3, "softmax", true)), seed);
    }

    @Test
    void freshChipOffersTheDesignsTapsAndProgrammedWeightsActAsTheyShould(@TempDir Path dir) throws Exception {
        ProgrammableChip chip = factory().create(design("ideal", 1));
        assertEquals(List.of("hidden1.pre", "hidden1.post", "output.pre", "output.post"),
                chip.taps().stream().map(TapPoint::name).toList());
        assertEquals(List.of("hidden1", "output"), chip.programmableLayers());
        assertEquals(0.0, chip.secondsSinceProgramming());
        // identity first layer on 5 of 6 inputs, then a fixed output layer: the chip computes softmax(relu(x_:5) W2)
        INDArray w1 = Nd4j.zeros(DataType.FLOAT, 6, 5);
        for (int i = 0; i < 5; i++) {
            w1.putScalar(i, i, 1f);
        }
        INDArray w2 = KeyedRandom.gaussian(KeyedRandom.key(3, "w2"), DataType.FLOAT, 5, 3);
        chip.program("hidden1", w1, Nd4j.zeros(DataType.FLOAT, 5));
        chip.program("output", w2, Nd4j.zeros(DataType.FLOAT, 3));
        INDArray x = KeyedRandom.uniform(KeyedRandom.key(3, "x"), DataType.FLOAT, 200, 6);
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.softmax(x.getColumns(0, 1, 2, 3, 4).mmul(w2));
        long[] a = chip.output(x).argMax(1).toLongVector();
        long[] b = expected.argMax(1).toLongVector();
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        assertTrue(same >= 196, "an ideal-device chip programmed with known weights classifies like them: " + same);
        assertEquals(200, chip.ledger().queries());
        chip.save(dir.resolve("chip.zip"));
        AnalogChip restored = AnalogChip.load(dir.resolve("chip.zip").toFile());
        assertEquals(chip.taps(), restored.taps());
    }

    @Test
    void onlyPulsedDevicesTrainInPlaceAndTheStepLowersTheLoss() {
        assertTrue(factory().create(design("pcm", 1)).inPlaceTraining().isEmpty(), "programmed pairs have no pulse rule");
        ProgrammableChip chip = factory().create(design("soft-bounds", 2));
        var training = chip.inPlaceTraining().orElseThrow();
        INDArray x = KeyedRandom.uniform(KeyedRandom.key(4, "x"), DataType.FLOAT, 64, 6);
        INDArray t = Nd4j.zeros(DataType.FLOAT, 64, 3).addi(2f);
        double first = training.step(x, t, HALF_SQUARED, 0.05);
        double last = first;
        for (int i = 0; i < 40; i++) {
            last = training.step(x, t, HALF_SQUARED, 0.05);
        }
        assertTrue(last < 0.5 * first, "in-place SGD on a fixed batch halves the loss: " + first + " -> " + last);
        FactoryChip inside = (FactoryChip) chip;
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net =
                (org.deeplearning4j.nn.multilayer.MultiLayerNetwork) inside.chip().model();
        assertTrue(((BaseOutputLayer) net.getOutputLayer().conf().getLayer()).getLossFn() instanceof LossMCXENT,
                "the chip's own loss is back after the step");
        assertEquals(0.0, chip.secondsSinceProgramming(), "an in-place update restarts the clock");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> training.step(x, Nd4j.zeros(DataType.FLOAT, 64, 4), HALF_SQUARED, 0.05));
        assertTrue(bad.getMessage().contains("targets must be [64, 3]"), bad.getMessage());
    }

    @Test
    void badDesignsAreRejected() {
        IllegalArgumentException device = assertThrows(IllegalArgumentException.class,
                () -> factory().create(design("memristor-x", 1)));
        assertTrue(device.getMessage().contains("unknown device 'memristor-x'"), device.getMessage());
        IllegalArgumentException activation = assertThrows(IllegalArgumentException.class, () -> factory().create(
                new ChipDesign("pcm", Map.of(), List.of(new LayerDesign("h", 3, 2, "wiggle", true),
                        new LayerDesign("o", 2, 2, "softmax", true)), 1)));
        assertTrue(activation.getMessage().contains("unknown activation 'wiggle'"), activation.getMessage());
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class, () -> factory().create(
                new ChipDesign("pcm", Map.of(), List.of(new LayerDesign("h", 3, 2, "relu", false),
                        new LayerDesign("o", 2, 2, "softmax", true)), 1)));
        assertTrue(bias.getMessage().contains("always have a digital bias"), bias.getMessage());
    }
}
