package org.dl4jmortal.spi.distill;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch for a {@link Student}: inputs, output targets with the loss that reads them, and optional hints.
 *
 * @param input   {@code [batch, inputSize]}
 * @param targets {@code [batch, loss.targetWidth(outputSize)]}
 * @param loss    the loss at the student's output pre-activation
 * @param hints   hints at student layers (empty for output-only methods such as {@code kd}); each hint's values have
 *                {@code batch} rows
 */
public record TrainingBatch(INDArray input, INDArray targets, OutputLoss loss, List<HintTarget> hints) {

    /**
     * @throws NullPointerException     if a reference is null
     * @throws IllegalArgumentException if the row counts of input, targets and hints differ
     */
    public TrainingBatch {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(loss, "loss");
        hints = List.copyOf(hints);
        if (targets.rows() != input.rows()) {
            throw new IllegalArgumentException("targets have " + targets.rows() + " rows, input " + input.rows());
        }
        for (HintTarget h : hints) {
            if (h.values().rows() != input.rows()) {
                throw new IllegalArgumentException("hint " + h.teacherTap() + " has " + h.values().rows()
                        + " rows, input " + input.rows());
            }
        }
    }
}
