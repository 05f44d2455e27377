package org.dl4jmortal.distill.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.distill.loss.Distributions;
import org.dl4jmortal.distill.loss.KdLoss;
import org.dl4jmortal.spi.distill.HintTarget;
import org.dl4jmortal.spi.distill.TrainingBatch;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** A DL4J network as a student: kd steps, hint steps with adapters, and an ordinary model between steps. */
class NetworkStudentTest extends BaseDL4JTest {

    @Override
    public DataType getDataType() {
        return DataType.FLOAT;
    }

    private static TrainingBatch batch(int hintWidth, List<String> guided) {
        INDArray x = KeyedRandom.uniform(KeyedRandom.key(1, "x"), DataType.FLOAT, 32, 6);
        INDArray soft = Distributions.softmax(KeyedRandom.gaussian(KeyedRandom.key(1, "t"), DataType.FLOAT, 32, 3), 1)
                .castTo(DataType.FLOAT);
        List<HintTarget> hints = guided.stream().map(g -> new HintTarget(g, "teacher.post",
                KeyedRandom.uniform(KeyedRandom.key(1, g), DataType.FLOAT, 32, hintWidth), 1.0)).toList();
        return new TrainingBatch(x, KdLoss.targets(soft, null), new KdLoss(2, 0.9), hints);
    }

    @Test
    void kdStepsLeaveAnOrdinaryModelThatSavesAndRestores() throws Exception {
        MultiLayerNetwork net = new MlpSpec(List.of(6, 5, 3)).digital(3, 1e-2);
        NetworkStudent s = NetworkStudent.of(net);
        double first = s.fit(batch(4, List.of()));
        double last = first;
        for (int i = 0; i < 30; i++) {
            last = s.fit(batch(4, List.of()));
        }
        assertTrue(last < first, "the kd loss falls on a fixed batch: " + first + " -> " + last);
        assertInstanceOf(LossMCXENT.class, ((BaseOutputLayer) net.getOutputLayer().conf().getLayer()).getLossFn(),
                "the network's own loss is back after the step");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(
                bytes.toByteArray()), false);
        INDArray x = batch(4, List.of()).input();
        assertEquals(net.output(x), restored.output(x));
    }

    @Test
    void hintsGetLinearAdaptersWhereWidthsDifferAndTrainTheStudentLayers() {
        MultiLayerNetwork net = new MlpSpec(List.of(6, 5, 4, 3)).digital(3, 1e-2);
        NetworkStudent s = NetworkStudent.of(net);
        assertEquals(Map.of("hidden1", 5, "hidden2", 4), s.hintLayers());
        INDArray before = net.getLayer(0).params().dup();
        s.fit(batch(7, List.of("hidden1")));
        // an adapter from 5 student units to 7 tap values: a 5 x 7 weight matrix and 7 biases
        assertEquals(Map.of("hidden1", 5L * 7 + 7), s.hintAdapters());
        assertTrue(net.getLayer(0).params().sub(before).norm2Number().doubleValue() > 0,
                "the hinted step changed the student's own layer (copied back from the training graph)");
        NetworkStudent same = NetworkStudent.of(new MlpSpec(List.of(6, 5, 4, 3)).digital(3, 1e-2));
        same.fit(batch(4, List.of("hidden2")));
        assertEquals(Map.of("hidden2", 0L), same.hintAdapters(), "equal widths: MSE directly, no adapter");
    }

    @Test
    void hintOnALayerThatCannotTakeOneIsRejected() {
        NetworkStudent s = NetworkStudent.of(new MlpSpec(List.of(6, 5, 3)).digital(3, 1e-2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.fit(batch(4, List.of("output"))));
        assertTrue(e.getMessage().contains("layers that can: [hidden1]"), e.getMessage());
    }

    @Test
    void mlpSpecParsesAndRejectsBadText() {
        assertEquals(List.of(784, 256, 128, 10), MlpSpec.parse("mlp:784-256-128-10").widths());
        assertEquals(List.of("hidden1", "hidden2", "output"), MlpSpec.parse("784-256-128-10").layerNames());
        for (String bad : new String[] {"mlp:784", "mlp:784-x-10", "mlp:784-0-10", "cnn:1-2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpSpec.parse(bad));
            assertTrue(e.getMessage().contains("mlp:IN-HIDDEN-...-OUT"), e.getMessage());
        }
    }
}
