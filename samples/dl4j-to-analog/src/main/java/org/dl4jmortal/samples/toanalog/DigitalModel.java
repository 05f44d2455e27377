package org.dl4jmortal.samples.toanalog;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The "existing" model of the sample: nothing analog about it. A plain DL4J multilayer perceptron
 * {@code 784 - hidden... - 10} (ReLU with He initialisation, softmax with cross entropy, Adam; He et al. ICCV 2015,
 * Kingma &amp; Ba ICLR 2015), trained with {@code fit()} and saved with {@link ModelSerializer}, as any DL4J project
 * already has one.
 */
public final class DigitalModel {
    private DigitalModel() {
    }

    /**
     * @param hidden       hidden layer widths, each {@code >= 1}
     * @param learningRate Adam learning rate, {@code > 0}
     * @param seed         seed of the weight initialisation
     * @return an initialised network; input {@code [batch, 784]}, output {@code [batch, 10]} probabilities
     */
    public static MultiLayerNetwork create(int[] hidden, double learningRate, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .list();
        int nIn = 784;
        for (int i = 0; i < hidden.length; i++) {
            list.layer(new DenseLayer.Builder().name("hidden" + (i + 1)).nIn(nIn).nOut(hidden[i])
                    .activation(Activation.RELU).build());
            nIn = hidden[i];
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nIn(nIn).nOut(10)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return network;
    }

    /**
     * Trains for some epochs and saves the model.
     *
     * @param network the network
     * @param train   training data, {@code [batch, 784]} features and one-hot labels
     * @param epochs  epochs, {@code >= 1}
     * @param file    where {@link ModelSerializer#writeModel} puts it (with the updater state)
     * @throws IOException if the file cannot be written
     */
    public static void trainAndSave(MultiLayerNetwork network, DataSetIterator train, int epochs, Path file)
            throws IOException {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        network.fit(train, epochs);
        ModelSerializer.writeModel(network, file.toFile(), true);
    }
}
