package org.dl4jmortal.distill.eval;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Held-out inputs on which fidelity and accuracy are measured (DESIGN.md §4: agreement "on test inputs").
 *
 * @param inputs {@code [rows, width]} in the teacher's input units
 * @param labels one-hot labels {@code [rows, classes]}
 */
public record EvaluationSet(INDArray inputs, INDArray labels) {

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the shapes are not matrices with equal, positive row counts
     */
    public EvaluationSet {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        if (inputs.rank() != 2 || labels.rank() != 2 || inputs.rows() != labels.rows() || inputs.rows() == 0) {
            throw new IllegalArgumentException("evaluation inputs and labels must be [rows, width] and [rows, classes]"
                    + " with the same positive row count, got " + java.util.Arrays.toString(inputs.shape()) + " and "
                    + java.util.Arrays.toString(labels.shape()));
        }
    }

    /** @return number of rows */
    public int rows() {
        return (int) inputs.rows();
    }

    /** @return the true class of each row */
    public int[] classes() {
        return org.dl4jmortal.distill.loss.Distributions.top1(labels);
    }
}
