package org.dl4jmortal.analog.hwa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

class HardwareAwareFineTuningTest extends BaseDL4JTest {

    private static MultiLayerNetwork trained() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.5)).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(5).nOut(2).activation(Activation.SOFTMAX).build()).build());
        net.init();
        return net;
    }

    @Test
    void copyKeepsTheParametersAndSetsNoiseAndUpdaterOnEveryLayer() {
        MultiLayerNetwork original = trained();
        INDArray before = original.params().dup();
        HardwareAwareWeightNoise noise = new HardwareAwareWeightNoise(0.1, 4);
        MultiLayerNetwork copy = HardwareAwareFineTuning.copyWithWeightNoise(original, noise, new Adam(2e-4));
        assertEquals(before, copy.params());
        for (int i = 0; i < 2; i++) {
            BaseLayer layer = (BaseLayer) copy.getLayerWiseConfigurations().getConf(i).getLayer();
            assertEquals(noise, layer.getWeightNoise());
            assertEquals(2e-4, ((Adam) layer.getIUpdater()).getLearningRate(), 0);
            assertEquals(2e-4, ((Adam) layer.getBiasUpdater()).getLearningRate(), 0);
            BaseLayer originalLayer = (BaseLayer) original.getLayerWiseConfigurations().getConf(i).getLayer();
            assertNull(originalLayer.getWeightNoise());
            assertEquals(0.5, ((Sgd) originalLayer.getIUpdater()).getLearningRate(), 0);
        }
        // training the copy leaves the original's parameters alone (the parameters were copied, not shared)
        copy.fit(Nd4j.rand(DataType.DOUBLE, 8, 6), Nd4j.eye(2).repeat(0, 4).castTo(DataType.DOUBLE));
        assertNotEquals(before, copy.params());
        assertEquals(before, original.params());
    }

    @Test
    void nullNoiseMakesAPlainCopyAndNullUpdaterKeepsTheLayersOwn() {
        MultiLayerNetwork withNoise = HardwareAwareFineTuning.copyWithWeightNoise(trained(),
                new HardwareAwareWeightNoise(0.1, 4), null);
        MultiLayerNetwork plain = HardwareAwareFineTuning.copyWithWeightNoise(withNoise, null, null);
        BaseLayer layer = (BaseLayer) plain.getLayerWiseConfigurations().getConf(0).getLayer();
        assertNull(layer.getWeightNoise());
        assertEquals(0.5, ((Sgd) layer.getIUpdater()).getLearningRate(), 0);
        assertThrows(NullPointerException.class, () -> HardwareAwareFineTuning.copyWithWeightNoise(null, null, null));
    }
}
