package org.dl4jmortal.analog.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.analog.chip.ConversionResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** With every non-ideality off, analog layers compute what DL4J's DenseLayer and OutputLayer compute. */
class AnalogLayerEquivalenceTest extends BaseDL4JTest {

    @Test
    void idealChipEqualsDigitalNetworkWithinOneInTenToTheFive() {
        for (Activation a : new Activation[] {Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.IDENTITY}) {
            MultiLayerNetwork digital = Nets.digitalMlp(DataType.FLOAT, 12, 20, 16, 12, 5, a);
            ConversionResult r = new AnalogConverter("ideal", Map.of(), 7L).convert(digital, "test");
            INDArray x = Nd4j.rand(DataType.FLOAT, 32, 20).subi(0.5).muli(4);
            INDArray expected = digital.output(x);
            INDArray actual = r.chip().output(x);
            assertArrayEquals(expected.shape(), actual.shape());
            double maxDiff = Nd4j.getExecutioner().exec(
                    new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(expected.sub(actual))).getDouble(0);
            assertTrue(maxDiff <= 1e-5, a + ": max |digital - analog| = " + maxDiff);
            assertEquals(3, r.analogLayers().size());
            assertEquals(0, r.digitalLayers().size());
        }
    }

    @Test
    void idealChipTapsMatchDigitalPreActivationsWithoutBias() {
        MultiLayerNetwork digital = Nets.digitalMlp(DataType.FLOAT, 3, 8, 6, 4, 3, Activation.RELU);
        AnalogChip chip = new AnalogConverter("ideal", Map.of(), 1L).convert(digital, "test").chip();
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 8);
        INDArray pre0 = chip.query(x, java.util.List.of("layer0.pre")).tap("layer0.pre");
        INDArray expected = x.mmul(digital.getLayer(0).getParam("W"));
        assertTrue(expected.equalsWithEps(pre0, 1e-5), "0.pre must be x W without the bias");
        INDArray post1 = chip.query(x, java.util.List.of("layer1.post")).tap("layer1.post");
        INDArray expectedPost1 = digital.feedForward(x, false).get(2);
        assertTrue(expectedPost1.equalsWithEps(post1, 1e-5));
        assertEquals(2, chip.ledger().calls());
        assertEquals(10, chip.ledger().queries());
        assertEquals(10, chip.ledger().tapReads());
    }
}
