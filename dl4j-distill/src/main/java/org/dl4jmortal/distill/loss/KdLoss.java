package org.dl4jmortal.distill.loss;

import java.io.Serializable;
import org.dl4jmortal.spi.distill.OutputLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The knowledge-distillation loss of Hinton, Vinyals &amp; Dean, "Distilling the Knowledge in a Neural Network" (NIPS
 * deep learning workshop 2015), per row, on the student's logits {@code z}:
 * <pre>
 *   L = a T^2 KL(p_t^T || softmax(z / T)) + (1 - a) CE(y, softmax(z))
 *   dL/dz = a T (softmax(z / T) - p_t^T) + (1 - a) (softmax(z) sum_j y_j - y)
 * </pre>
 * where {@code p_t^T} is the teacher's distribution at temperature {@code T} (teacher first in the divergence,
 * DESIGN.md §4) and the {@code T^2} factor keeps the soft term's gradients on the scale of the hard term's as {@code T}
 * changes (Hinton et al., section 2). Hard labels are optional row by row: a row whose label part is all zero has
 * {@code a = 1} (the soft term alone); labelled rows have {@code a = alpha}.
 * <p>
 * Targets are {@code [batch, 2k]}: the teacher's distribution at {@code T} in columns {@code 0..k-1}, the one-hot label
 * (or zeros) in columns {@code k..2k-1}. Computed in double precision, returned in the logits' data type.
 */
public final class KdLoss implements OutputLoss, Serializable {
    private static final long serialVersionUID = 1L;

    private final double temperature;
    private final double alpha;

    /**
     * @param temperature T, finite and {@code > 0}
     * @param alpha       weight of the soft term on labelled rows, in {@code [0, 1]}
     * @throws IllegalArgumentException if T or alpha is out of range
     */
    public KdLoss(double temperature, double alpha) {
        Distributions.requireTemperature(temperature);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must lie in [0, 1], got " + alpha);
        }
        this.temperature = temperature;
        this.alpha = alpha;
    }

    /** @return T */
    public double temperature() {
        return temperature;
    }

    /** @return alpha */
    public double alpha() {
        return alpha;
    }

    @Override
    public int targetWidth(int outputWidth) {
        return 2 * outputWidth;
    }

    /**
     * Builds target rows from soft targets and optional labels.
     *
     * @param softTargets the teacher's distribution at T {@code [rows, k]}
     * @param labels      one-hot labels {@code [rows, k]}, or null for unlabelled rows
     * @return {@code [rows, 2k]} FLOAT
     * @throws IllegalArgumentException if the shapes differ
     */
    public static INDArray targets(INDArray softTargets, INDArray labels) {
        if (labels != null && !java.util.Arrays.equals(softTargets.shape(), labels.shape())) {
            throw new IllegalArgumentException("labels have shape " + java.util.Arrays.toString(labels.shape())
                    + ", soft targets " + java.util.Arrays.toString(softTargets.shape()));
        }
        INDArray hard = labels != null ? labels : Nd4j.zeros(softTargets.dataType(), softTargets.shape());
        return Nd4j.hstack(softTargets.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                hard.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
    }

    @Override
    public INDArray rowLosses(INDArray logits, INDArray targets) {
        int k = checkShapes(logits, targets);
        double[][] t = Distributions.matrix(targets, "targets");
        double[][] logQ = Distributions.logSoftmax(logits, temperature);
        double[][] logS = Distributions.logSoftmax(logits, 1.0);
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double soft = 0;
            double hard = 0;
            double labelMass = 0;
            for (int j = 0; j < k; j++) {
                double p = t[i][j];
                if (p > 0) {
                    soft += p * (Math.log(p) - logQ[i][j]);
                }
                double y = t[i][k + j];
                labelMass += y;
                hard -= y * logS[i][j];
            }
            double a = labelMass > 0 ? alpha : 1.0;
            out[i] = a * temperature * temperature * soft + (1 - a) * hard;
        }
        return Nd4j.create(out, new long[] {t.length, 1}, 'c').castTo(logits.dataType());
    }

    @Override
    public INDArray gradient(INDArray logits, INDArray targets) {
        int k = checkShapes(logits, targets);
        double[][] t = Distributions.matrix(targets, "targets");
        double[][] logQ = Distributions.logSoftmax(logits, temperature);
        double[][] logS = Distributions.logSoftmax(logits, 1.0);
        double[][] g = new double[t.length][k];
        for (int i = 0; i < t.length; i++) {
            double labelMass = 0;
            for (int j = 0; j < k; j++) {
                labelMass += t[i][k + j];
            }
            double a = labelMass > 0 ? alpha : 1.0;
            for (int j = 0; j < k; j++) {
                double soft = Math.exp(logQ[i][j]) - t[i][j];
                double hard = Math.exp(logS[i][j]) * labelMass - t[i][k + j];
                g[i][j] = a * temperature * soft + (1 - a) * hard;
            }
        }
        return Distributions.array(g).castTo(logits.dataType());
    }

    private static int checkShapes(INDArray logits, INDArray targets) {
        if (logits.rank() != 2 || targets.rank() != 2 || targets.rows() != logits.rows()
                || targets.columns() != 2 * logits.columns()) {
            throw new IllegalArgumentException("kd targets must be [batch, 2k] (soft targets, then labels) for logits"
                    + " [batch, k]; got logits " + java.util.Arrays.toString(logits.shape()) + " and targets "
                    + java.util.Arrays.toString(targets.shape()));
        }
        return (int) logits.columns();
    }

    @Override
    public String toString() {
        return "KdLoss(T=" + temperature + ", alpha=" + alpha + ")";
    }
}
