package org.dl4jmortal.samples.inplace;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The sample's network: an ordinary DL4J {@link MultiLayerNetwork} whose layers are analog. Every weight is the state
 * of a pulsed device; {@code fit()} computes {@code x} and {@code delta} as usual and the analog layers turn them into
 * stochastic pulse trains that move the devices (DESIGN.md §3 "Mortal in-place updates"). There is no digital copy of
 * the weights; DL4J's updater ({@link Sgd} here) only moves the digital biases.
 */
public final class InPlaceNetwork {
    /** Input width: 28 x 28 pixels. */
    public static final int INPUTS = 784;
    /** Output width: 10 classes. */
    public static final int CLASSES = 10;

    private InPlaceNetwork() {
    }

    /**
     * @param config the device, layer widths, learning rate and seed
     * @return an initialised network {@code 784 - hidden... - 10} (ReLU hidden layers, softmax output, cross entropy),
     * layers named {@code hidden1}, {@code hidden2}, ..., {@code output}
     * @throws IllegalArgumentException if the device is not installed or has no pulse rule (the message lists those
     *                                  that have one)
     */
    public static MultiLayerNetwork create(InPlaceMlpConfig config) {
        requirePulsed(config.device());
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(new Sgd(new ExponentialSchedule(ScheduleType.EPOCH, config.learningRate(),
                        config.learningRateDecay())))
                .weightInit(WeightInit.XAVIER)
                .list();
        int nIn = INPUTS;
        int index = 0;
        for (int width : config.hidden()) {
            list.layer(new AnalogDenseLayer.Builder().name("hidden" + (index + 1)).nIn(nIn).nOut(width)
                    .activation(Activation.RELU)
                    .device(config.device())                          // the device model, by registered name
                    .seed(KeyedRandom.key(config.seed(), "layer", index))
                    .build());
            nIn = width;
            index++;
        }
        Layer output = new AnalogOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output")
                .nIn(nIn).nOut(CLASSES).activation(Activation.SOFTMAX)
                .device(config.device())
                .seed(KeyedRandom.key(config.seed(), "layer", index))
                .build();
        list.layer(output);
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return network;
    }

    /**
     * @param device a registered device name
     * @throws IllegalArgumentException if it is not installed, or is a programmed device such as {@code pcm} that has no
     *                                  pulse rule (the message lists the devices that have one)
     */
    static void requirePulsed(String device) {
        MortalRegistry registry = MortalRegistry.global();
        if (registry.get(PluginKind.DEVICE, device).crosspointKind() != CrosspointKind.PULSED) {
            throw new IllegalArgumentException("device '" + device + "' has no pulse rule and cannot be trained in"
                    + " place; devices with one: " + registry.names(PluginKind.DEVICE).stream()
                    .filter(n -> registry.get(PluginKind.DEVICE, n).crosspointKind() == CrosspointKind.PULSED)
                    .toList());
        }
    }
}
