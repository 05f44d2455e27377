package org.dl4jmortal.analog.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.analog.chip.ConversionResult;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Analog layers inside a ComputationGraph: built directly, converted from a digital graph, saved as a chip. */
class AnalogComputationGraphTest extends BaseDL4JTest {

    private static ComputationGraph digitalGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("h", new DenseLayer.Builder().nIn(10).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void convertedIdealGraphEqualsDigitalAndSurvivesAChipRoundTrip(@TempDir Path dir) throws Exception {
        ComputationGraph digital = digitalGraph();
        ConversionResult r = new AnalogConverter("ideal", Map.of(), 3).convert(digital, "test");
        assertEquals(List.of("h", "out"), r.analogLayers());
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 10);
        INDArray expected = digital.outputSingle(x);
        assertTrue(expected.equalsWithEps(r.chip().output(x), 1e-5));
        assertEquals(List.of("h.pre", "h.post", "out.pre", "out.post"),
                r.chip().taps().stream().map(t -> t.name()).toList());
        File f = dir.resolve("chip.zip").toFile();
        r.chip().save(f);
        AnalogChip loaded = AnalogChip.load(f);
        assertTrue(expected.equalsWithEps(loaded.output(x), 1e-5));
    }

    @Test
    void analogLayersBuildAndTrainInsideAGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in")
                .addLayer("h", new AnalogDenseLayer.Builder().nIn(10).nOut(8).activation(Activation.RELU)
                        .device("soft-bounds").build(), "in")
                .addLayer("out", new AnalogOutputLayer.Builder().nIn(8).nOut(4).activation(Activation.SOFTMAX)
                        .device("pcm").build(), "h")
                .setOutputs("out").build();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray before = g.getLayer("h").getParam("w").dup();
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 10);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 4);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 4, 1);
        }
        for (int i = 0; i < 3; i++) {
            g.fit(new org.nd4j.linalg.dataset.DataSet(x, y));
        }
        // the pulsed layer moved in place; the pcm output layer has no pulse rule and keeps its conductances
        assertTrue(g.getLayer("h").getParam("w").sub(before).amaxNumber().doubleValue() > 0);
        assertEquals(3.0, g.getLayer("h").getParam("state").getDouble(0, 4), 0.0);
    }
}
