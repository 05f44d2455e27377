package org.dl4jmortal.spi.distill;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model a {@link Distiller} trains (DESIGN.md §4): a digital DL4J network, or a chip trained in place. It trains
 * with its own optimiser (Adam for a digital network, the devices' pulse rule for a chip) on the loss a distiller
 * gives it.
 */
public interface Student {

    /** @return inputs per row */
    int inputSize();

    /** @return outputs per row (classes) */
    int outputSize();

    /**
     * @return the layers that can take a hint, lowest first, with their output widths (empty if the student
     *         cannot take hints)
     */
    Map<String, Integer> hintLayers();

    /**
     * @param input {@code [batch, inputSize]}
     * @return the student's output probabilities {@code [batch, outputSize]} (inference mode)
     */
    INDArray output(INDArray input);

    /**
     * One optimisation step on a minibatch.
     *
     * @param batch inputs, targets, the output loss and hints
     * @return the mean loss over the batch (output loss plus weighted hint losses)
     * @throws IllegalArgumentException if a width does not match, or the batch has hints and {@link #hintLayers()}
     *                                  does not hold a hinted layer (lists the layers that can take hints)
     */
    double fit(TrainingBatch batch);

    /** Marks the end of an epoch (per-epoch learning-rate schedules advance). */
    void epochDone();

    /** @return one line: kind, layers, optimiser and its settings */
    String description();
}
