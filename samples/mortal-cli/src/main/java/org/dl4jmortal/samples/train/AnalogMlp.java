package org.dl4jmortal.samples.train;

import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.dl4jmortal.analog.hwa.HardwareAwareFineTuning;
import org.dl4jmortal.analog.hwa.HardwareAwareWeightNoise;
import org.dl4jmortal.samples.demo.DigitalMlp;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The training job's networks, all MLP 784-256-128-10 (ReLU, softmax) with layers named {@code hidden1},
 * {@code hidden2}, {@code output}: an analog network trained in place, and a digital network trained with
 * hardware-aware weight noise, fine-tuned from the trained digital network.
 */
public final class AnalogMlp {
    private AnalogMlp() {
    }

    private static Sgd sgd(double learningRate, double decay) {
        return decay == 1.0 ? new Sgd(learningRate)
                : new Sgd(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, decay));
    }

    /**
     * @param device       a pulsed device name
     * @param overrides    device, periphery and update overrides
     * @param seed         seed of the initial weights and of every layer's draws
     * @param learningRate SGD learning rate of the in-place update (and of the digital biases)
     * @param decay        multiplicative learning-rate decay per epoch (1 = constant)
     * @return an initialised analog network whose devices are trained in place by {@code fit()}
     */
    public static MultiLayerNetwork inPlace(String device, Map<String, Double> overrides, long seed, double learningRate,
                                            double decay) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(sgd(learningRate, decay)).weightInit(WeightInit.XAVIER).list()
                .layer(new AnalogDenseLayer.Builder().name("hidden1").nIn(DigitalMlp.INPUTS).nOut(DigitalMlp.HIDDEN1)
                        .activation(Activation.RELU).device(device).parameters(overrides)
                        .seed(KeyedRandom.key(seed, "layer", 0)).build())
                .layer(new AnalogDenseLayer.Builder().name("hidden2").nIn(DigitalMlp.HIDDEN1).nOut(DigitalMlp.HIDDEN2)
                        .activation(Activation.RELU).device(device).parameters(overrides)
                        .seed(KeyedRandom.key(seed, "layer", 1)).build())
                .layer(new AnalogOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output")
                        .nIn(DigitalMlp.HIDDEN2).nOut(DigitalMlp.OUTPUTS).activation(Activation.SOFTMAX).device(device)
                        .parameters(overrides).seed(KeyedRandom.key(seed, "layer", 2)).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * The network of hardware-aware fine-tuning (Rasch et al. 2023; Joshi et al. 2020): a copy of the trained digital
     * network with weight noise on every layer during training and Adam at {@code learningRate}.
     *
     * @param trained      the trained digital network (unchanged)
     * @param seed         seed of the noise draws
     * @param relativeStd  weight noise std relative to each column's max |w|, in {@code [0, 1]}
     * @param learningRate Adam learning rate of the fine-tuning, {@code > 0}
     * @return an initialised copy that trains with hardware-aware weight noise
     * @throws IllegalArgumentException if {@code relativeStd} is outside {@code [0, 1]}
     */
    public static MultiLayerNetwork hardwareAware(MultiLayerNetwork trained, long seed, double relativeStd,
                                                  double learningRate) {
        return HardwareAwareFineTuning.copyWithWeightNoise(trained, new HardwareAwareWeightNoise(relativeStd, seed),
                new Adam(learningRate));
    }
}
