package org.dl4jmortal.analog.hwa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class HardwareAwareWeightNoiseTest extends BaseDL4JTest {

    private static MultiLayerConfiguration conf(double std) {
        return new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .weightNoise(new HardwareAwareWeightNoise(std, 9)).list()
                .layer(new DenseLayer.Builder().nIn(400).nOut(300).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(300).nOut(3).activation(Activation.SOFTMAX).build()).build();
    }

    @Test
    void noiseStdIsRelativeToEachColumnsMaxAndOnlyWhileTraining() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(0.1));
        net.init();
        HardwareAwareWeightNoise noise = new HardwareAwareWeightNoise(0.1, 9);
        INDArray w = net.getLayer(0).getParam("W");
        INDArray noisy = noise.getParameter(net.getLayer(0), "W", 3, 0, true, LayerWorkspaceMgr.noWorkspaces());
        INDArray relative = noisy.sub(w).divRowVector(Transforms.abs(w, true).max(0));
        // 120,000 draws of N(0, 0.1^2): std within 4 standard errors (0.1 * sqrt(1/(2n)) = 2e-4 each)
        assertEquals(0.1, relative.stdNumber().doubleValue(), 4 * 0.1 / Math.sqrt(2 * relative.length()));
        assertEquals(0.0, relative.meanNumber().doubleValue(), 4 * 0.1 / Math.sqrt(relative.length()));
        assertSame(w, noise.getParameter(net.getLayer(0), "W", 3, 0, false, LayerWorkspaceMgr.noWorkspaces()));
        assertSame(net.getLayer(0).getParam("b"),
                noise.getParameter(net.getLayer(0), "b", 3, 0, true, LayerWorkspaceMgr.noWorkspaces()));
    }

    @Test
    void jsonRoundTripAndBadValues() {
        MultiLayerConfiguration c = conf(0.05);
        assertEquals(c, MultiLayerConfiguration.fromJson(c.toJson()));
        assertThrows(IllegalArgumentException.class, () -> new HardwareAwareWeightNoise(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HardwareAwareWeightNoise(Double.NaN, 1));
    }
}
