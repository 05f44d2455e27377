package org.dl4jmortal.spi.distill;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss at a network's output pre-activation (its logits {@code z}), with the targets in a layout of the loss's own
 * choosing. Students and chips train on it without knowing what it is (DESIGN.md §4: Hinton et al.'s soft targets
 * train a digital network and a chip in place alike). Implementations are immutable and thread-safe.
 */
public interface OutputLoss {

    /**
     * @param outputWidth the network's output width {@code k}
     * @return the width of one target row for that output width (for example {@code 2k}: soft targets, then hard
     *         labels)
     */
    int targetWidth(int outputWidth);

    /**
     * @param logits  pre-activations {@code [batch, k]}
     * @param targets {@code [batch, targetWidth(k)]}
     * @return the loss of every row {@code [batch, 1]} (natural logarithms, nats, where the loss is an entropy)
     * @throws IllegalArgumentException if the shapes do not match
     */
    INDArray rowLosses(INDArray logits, INDArray targets);

    /**
     * @param logits  pre-activations {@code [batch, k]}
     * @param targets {@code [batch, targetWidth(k)]}
     * @return the gradient of each row's loss with respect to that row's logits {@code [batch, k]} (not divided by
     *         the batch size: DL4J's convention, the updater divides)
     * @throws IllegalArgumentException if the shapes do not match
     */
    INDArray gradient(INDArray logits, INDArray targets);
}
