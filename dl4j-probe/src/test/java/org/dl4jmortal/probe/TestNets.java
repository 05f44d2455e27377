package org.dl4jmortal.probe;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small randomly initialised networks for the tests. */
public final class TestNets {
    private TestNets() {
    }

    /**
     * An MLP in -> h1 (relu, unnamed: "0") -> "hidden" (tanh) -> out (softmax, unnamed: "2").
     *
     * @param nIn  inputs
     * @param h1   first hidden width
     * @param h2   second hidden width
     * @param nOut classes
     * @param seed weight seed
     * @return an initialised float network
     */
    public static MultiLayerNetwork mlp(int nIn, int h1, int h2, int nOut, long seed) {
        return mlp(nIn, h1, h2, nOut, seed, "hidden");
    }

    /**
     * As {@link #mlp(int, int, int, int, long)} with a chosen name for the second layer.
     *
     * @param nIn         inputs
     * @param h1          first hidden width
     * @param h2          second hidden width
     * @param nOut        classes
     * @param seed        weight seed
     * @param secondName  name of layer 1
     * @return an initialised float network
     */
    public static MultiLayerNetwork mlp(int nIn, int h1, int h2, int nOut, long seed, String secondName) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(h1).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name(secondName).nIn(h1).nOut(h2).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(h2).nOut(nOut)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * A graph in -> d1 (relu) -> d2 (sigmoid) -> out (softmax).
     *
     * @param nIn  inputs
     * @param seed weight seed
     * @return an initialised float graph
     */
    public static ComputationGraph graph(int nIn, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .addLayer("d1", new DenseLayer.Builder().nIn(nIn).nOut(7).activation(Activation.RELU).build(), "in")
                .addLayer("d2", new DenseLayer.Builder().nIn(7).nOut(5).activation(Activation.SIGMOID).build(), "d1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "d2")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
