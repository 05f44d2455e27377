package org.dl4jmortal.analog.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.dl4jmortal.analog.conf.AnalogSpec;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the dense and the output implementation share: building the crossbar and filling gradients. */
final class AnalogLayerSupport {
    private AnalogLayerSupport() {
    }

    static AnalogCrossbar crossbar(NeuralNetConfiguration conf, int index, AnalogSpec spec, Map<String, INDArray> params) {
        FeedForwardLayer layer = (FeedForwardLayer) conf.getLayer();
        String name = layer.getLayerName() != null ? layer.getLayerName() : String.valueOf(index);
        long seed = spec.seed() != null ? spec.seed() : KeyedRandom.key(conf.getSeed(), "layer", index);
        return new AnalogCrossbar(name, seed, layer.getNIn(), layer.getNOut(), spec, params);
    }

    /**
     * Fills the gradient for one backward pass: the digital bias gets {@code sum over the batch of delta}; device
     * state gets zero, so DL4J's step (params minus gradient, NoOp updater) leaves it untouched.
     */
    static Gradient gradient(INDArray delta, Map<String, INDArray> gradientViews) {
        Gradient g = new DefaultGradient();
        for (Map.Entry<String, INDArray> e : gradientViews.entrySet()) {
            if (AnalogParams.BIAS.equals(e.getKey())) {
                delta.sum(e.getValue(), 0);
            } else {
                e.getValue().assign(0);
            }
            g.gradientForVariable().put(e.getKey(), e.getValue());
        }
        return g;
    }
}
