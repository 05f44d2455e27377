package org.dl4jmortal.spi.reconstruct;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The true read noise of a model's {@code .pre} taps, supplied from outside to a {@link WeightReconstructor} so that
 * it can report the Cramér–Rao bound of the probe design it used (DESIGN.md §4: the bound comes from the chip's true
 * noise at the probes, never from the fit's residuals). In an evaluation run it is backed by the chip's evaluation
 * oracle; a reconstructor only evaluates it at inputs it has already sent, and never uses it to fit.
 * <p>
 * The noise is assumed independent between output units and between queries, with zero mean; the variance may depend
 * on the layer's input row (noise management, read noise proportional to the input, bound management).
 */
@FunctionalInterface
public interface NoiseModel {

    /**
     * @param layerName  the layer whose {@code .pre} tap is read
     * @param layerInput the layer's input rows {@code [batch, nIn]} (the network input for the first layer, the
     *                   lower layer's {@code .post} tap otherwise), in network units
     * @return the variance of each {@code .pre} tap value {@code [batch, nOut]}, in squared tap units
     * @throws IllegalArgumentException if the layer is unknown or the input has the wrong width
     */
    INDArray preTapVariance(String layerName, INDArray layerInput);
}
