package org.dl4jmortal.spi.distill;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * An {@link OutputLoss} as a DL4J loss function, so that any DL4J output layer (digital or analog) trains on it
 * inside ordinary {@code fit()}. The loss works on the layer's pre-activation (its logits) and ignores the layer's
 * activation function, which stays what the model uses for inference (softmax for a classifier). Install it for
 * training only and put the model's own loss back afterwards: it is not meant to be written into a model file.
 * <p>
 * DL4J's conventions: {@link #computeGradient} returns the per-row gradient (the updater divides by the minibatch),
 * {@link #computeScore} sums the row losses and divides by the rows when {@code average} is true. A mask
 * {@code [batch, 1]} multiplies each row's loss and gradient.
 */
public final class OutputLossFunction implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private final transient OutputLoss loss;

    /** @param loss the loss to train on */
    public OutputLossFunction(OutputLoss loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** @return the wrapped loss */
    public OutputLoss loss() {
        return loss;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double s = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? s / preOutput.rows() : s;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray rows = loss.rowLosses(preOutput, labels);
        if (mask != null) {
            rows = rows.mul(rowMask(mask, preOutput).castTo(rows.dataType()));
        }
        return rows;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray g = loss.gradient(preOutput, labels).castTo(preOutput.dataType());
        if (mask != null) {
            g = g.mulColumnVector(rowMask(mask, preOutput).castTo(g.dataType()));
        }
        return g;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                         INDArray mask, boolean average) {
        return Pair.of(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    private static INDArray rowMask(INDArray mask, INDArray preOutput) {
        if (mask.length() != preOutput.rows()) {
            throw new IllegalArgumentException("an output loss takes a per-row mask [batch, 1], got shape "
                    + java.util.Arrays.toString(mask.shape()));
        }
        return mask.reshape(preOutput.rows(), 1);
    }

    @Override
    public String name() {
        return "OutputLossFunction(" + loss + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
