package org.dl4jmortal.spi.chip;

import org.dl4jmortal.spi.distill.OutputLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The capability of a chip whose devices can be trained in place (pulsed devices, DESIGN.md §3 "Mortal in-place
 * updates"): one minibatch step changes conductances through the devices' update rule; no weight is read or written
 * directly. The loss is the caller's, given at the output layer's pre-activation, so that a distiller can train a
 * chip on its own objective (for example Hinton et al.'s soft targets).
 */
public interface InPlaceTraining {

    /**
     * One in-place step: a forward pass through the chip (with its read noise and converters), the loss gradient at
     * the output layer's pre-activation, the backward pass through the chip, and pulses on every layer's devices
     * (stochastic SGD semantics: the expected device change is {@code -learningRate * mean_b x_b delta_b}). The
     * digital biases follow the same SGD step. The chip's clock restarts at zero, as after programming.
     *
     * @param input        {@code [batch, inputSize]}
     * @param targets      {@code [batch, loss.targetWidth(outputSize)]}, the loss's targets
     * @param loss         the loss at the output pre-activation
     * @param learningRate SGD learning rate, finite and {@code > 0}
     * @return the mean loss over the batch before the step
     * @throws IllegalArgumentException if a shape does not match, a value is not finite or the learning rate is not
     *                                  a finite positive number
     * @throws IllegalStateException    if the update diverges (NaN or infinite device states)
     */
    double step(INDArray input, INDArray targets, OutputLoss loss, double learningRate);
}
