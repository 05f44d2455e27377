package org.dl4jmortal.distill.student;

import java.util.LinkedHashMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A DL4J student seen uniformly, whether a {@code MultiLayerNetwork} or a single-input, single-output graph. */
interface StudentNetwork {
    /** Name of the network input in graphs built by {@link #graphBuilder()}. */
    String INPUT = "input";

    /** @return the DL4J model */
    Model model();

    /** @return layer name to layer, in forward order, the output layer last */
    LinkedHashMap<String, Layer> layers();

    /** @return the output layer's name */
    String outputLayerName();

    /** @return input width */
    int inputSize();

    /**
     * @param input {@code [batch, inputSize]}
     * @return the network output {@code [batch, k]} (inference)
     */
    INDArray output(INDArray input);

    /**
     * One {@code fit} call on one minibatch.
     *
     * @param input   {@code [batch, inputSize]}
     * @param targets labels in the layout of the output layer's present loss
     * @return the model's score after the call (the minibatch loss)
     */
    double fit(INDArray input, INDArray targets);

    /** Counts one epoch (epoch-based schedules). */
    void incrementEpochCount();

    /**
     * @return a graph builder holding copies of every layer configuration, under the same names, with input
     *         {@link #INPUT} (or the graph's own) and the output layer as the only output
     */
    ComputationGraphConfiguration.GraphBuilder graphBuilder();
}
