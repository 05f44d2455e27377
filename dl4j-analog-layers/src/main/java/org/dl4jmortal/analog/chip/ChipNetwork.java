package org.dl4jmortal.analog.chip;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The DL4J network inside a chip, seen uniformly whether it is a MultiLayerNetwork or a ComputationGraph. */
interface ChipNetwork {

    /** @return the wrapped DL4J model */
    Model model();

    /** @return "MultiLayerNetwork" or "ComputationGraph" */
    String kind();

    /** @return layer name to layer implementation, in forward order */
    Map<String, Layer> layers();

    /** @return number of input features */
    int inputSize();

    /** @return number of outputs */
    int outputSize();

    /**
     * @param input {@code [batch, inputSize]}
     * @return layer name to its activation (post) {@code [batch, width]}, plus the network output under
     * {@link #OUTPUT}; inference mode
     */
    Map<String, INDArray> activations(INDArray input);

    /** Key of the network output in {@link #activations}. */
    String OUTPUT = "\u0000output";

    /**
     * @param file destination (written by ModelSerializer, without updater state)
     * @throws IOException on write failure
     */
    void save(File file) throws IOException;

    /** @return names of layers in forward order */
    default List<String> layerNames() {
        return List.copyOf(layers().keySet());
    }
}
