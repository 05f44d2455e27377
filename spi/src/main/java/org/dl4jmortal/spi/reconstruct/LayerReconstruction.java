package org.dl4jmortal.spi.reconstruct;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One reconstructed layer and its report (DESIGN.md §4).
 *
 * @param layerName          the layer's name, as in its tap names
 * @param activation         the activation function name in DL4J's lower-case spelling ({@code relu}, ...)
 * @param weights            reconstructed weights {@code [nIn, nOut]}; rows of inputs that are never active
 *                           (dead units below) and columns of dead units are zero
 * @param bias               reconstructed bias {@code [1, nOut]} (a dead ReLU unit gets a negative bias so it stays
 *                           dead); for a softmax layer read through its outputs only, centred (zero mean)
 * @param outputsOnly        true if the layer was read through its post-activation tap only and is identifiable
 *                           only up to a per-input shared offset (softmax): weights and bias have zero-mean rows
 *                           (the convention used before comparing)
 * @param deadUnits          indices of this layer's units that no probe activated (ReLU), excluded from errors
 * @param queries            queries (rows sent, repeats included) whose tap reads entered this layer's fit
 * @param estimatedRelError  the error estimated by the method itself from its own data (residual noise through the
 *                           design): {@code sqrt(sum var(W_hat)) / ||W_hat||_F}
 * @param crlbRelError       the Cramér–Rao bound of the design used, from the supplied true noise model:
 *                           {@code sqrt(sum_j tr (X^T Sigma_j^-1 X)^-1) / ||W_hat||_F}, or NaN if no noise model was
 *                           supplied; for a noise-free model 0
 * @param biased             true if the estimator is biased (ridge), so the bound does not apply to it
 * @param note               how the layer was fitted (taps, design, errors-in-variables treatment)
 */
public record LayerReconstruction(String layerName, String activation, INDArray weights, INDArray bias,
                                  boolean outputsOnly, int[] deadUnits, long queries, double estimatedRelError,
                                  double crlbRelError, boolean biased, String note) {

    /** @throws NullPointerException if a reference argument is null */
    public LayerReconstruction {
        Objects.requireNonNull(layerName, "layerName");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(deadUnits, "deadUnits");
        Objects.requireNonNull(note, "note");
        deadUnits = deadUnits.clone();
    }

    /** @return number of inputs {@code nIn} */
    public int nIn() {
        return (int) weights.rows();
    }

    /** @return number of units {@code nOut} */
    public int nOut() {
        return (int) weights.columns();
    }
}
