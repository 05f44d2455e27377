package org.dl4jmortal.analog.hwa;

import java.util.Objects;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Prepares a trained digital network for hardware-aware fine-tuning: Rasch et al., Nat. Commun. 14:5282 (2023)
 * <em>retrain</em> the trained floating-point network with the hardware's noise injected, rather than train with noise
 * from random weights (weight-noise injection itself after Joshi et al., Nat. Commun. 11:2473, 2020). The copy has the same
 * architecture and parameters, a weight-noise model on every layer that has weights (DL4J's {@link IWeightNoise}, used
 * during training only) and, optionally, a new updater (typically a smaller learning rate than the original training).
 * The original network is not changed.
 */
public final class HardwareAwareFineTuning {
    private HardwareAwareFineTuning() {
    }

    /**
     * @param trained a trained network (its parameters are copied, not shared)
     * @param noise   the weight noise of every layer with weights, e.g. {@link HardwareAwareWeightNoise}; {@code null}
     *                removes any weight noise (a plain copy)
     * @param updater the updater of the fine-tuning, set on every such layer for weights and biases; {@code null}
     *                keeps each layer's own updater
     * @return an initialised copy that trains with {@code noise}; its parameters equal {@code trained}'s
     * @throws NullPointerException if {@code trained} is null
     */
    public static MultiLayerNetwork copyWithWeightNoise(MultiLayerNetwork trained, IWeightNoise noise,
                                                        IUpdater updater) {
        Objects.requireNonNull(trained, "trained");
        MultiLayerConfiguration conf = trained.getLayerWiseConfigurations().clone();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof BaseLayer layer) {
                layer.setWeightNoise(noise);
                if (updater != null) {
                    layer.setIUpdater(updater.clone());
                    layer.setBiasUpdater(updater.clone());
                }
            }
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(trained.params().dup(), false);
        return copy;
    }
}
