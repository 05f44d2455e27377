package org.dl4jmortal.samples.demo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The demo's digital network: a multilayer perceptron 784-256-128-10, ReLU hidden layers with He initialisation
 * (He et al., ICCV 2015), softmax output with multi-class cross entropy, Adam (Kingma &amp; Ba, ICLR 2015), FLOAT.
 * Layers are named {@code hidden1}, {@code hidden2}, {@code output} (tap names {@code hidden1.pre} etc.).
 */
public final class DigitalMlp {
    /** Input features: 28 x 28 pixels. */
    public static final int INPUTS = 784;
    /** Width of the first hidden layer. */
    public static final int HIDDEN1 = 256;
    /** Width of the second hidden layer. */
    public static final int HIDDEN2 = 128;
    /** Output classes. */
    public static final int OUTPUTS = 10;
    /** Adam learning rate of the demo's recipe. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    private DigitalMlp() {
    }

    /**
     * @param seed         seed of the weight initialisation
     * @param learningRate Adam learning rate, {@code > 0}
     * @return an initialised network, input {@code [batch, 784]}, output {@code [batch, 10]} probabilities
     */
    public static MultiLayerNetwork create(long seed, double learningRate) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().name("hidden1").nIn(INPUTS).nOut(HIDDEN1)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("hidden2").nIn(HIDDEN1).nOut(HIDDEN2)
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nIn(HIDDEN2)
                        .nOut(OUTPUTS).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
