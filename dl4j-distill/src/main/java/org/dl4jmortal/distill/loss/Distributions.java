package org.dl4jmortal.distill.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pure functions on rows of class scores (DESIGN.md §4): softmax at a temperature, the teacher's distribution at a
 * temperature from its probabilities, Kullback–Leibler divergence and top-1 agreement. All in double precision;
 * inputs are {@code [rows, classes]} matrices of any floating type.
 */
public final class Distributions {
    /**
     * Floor applied to a probability inside a logarithm ({@code Float.MIN_NORMAL}, about {@code 1.2e-38}): a float32
     * softmax can underflow to 0, and {@code log 0} would make a divergence infinite. Rows whose true divergence is
     * finite are unaffected unless a class with weight under the floor carries teacher mass.
     */
    public static final double LOG_FLOOR = Float.MIN_NORMAL;

    private Distributions() {
    }

    /**
     * Row-wise log-softmax of {@code z / T}: {@code z_i / T - log sum_j exp(z_j / T)}, computed after subtracting
     * the row maximum (no overflow).
     *
     * @param logits      {@code [rows, k]}
     * @param temperature {@code T > 0}
     * @return {@code [rows][k]} in double
     * @throws IllegalArgumentException if the logits are not a matrix, or {@code T} is not a finite positive number
     */
    public static double[][] logSoftmax(INDArray logits, double temperature) {
        requireTemperature(temperature);
        double[][] z = matrix(logits, "logits");
        for (double[] row : z) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < row.length; j++) {
                row[j] /= temperature;
                max = Math.max(max, row[j]);
            }
            double sum = 0;
            for (double v : row) {
                sum += Math.exp(v - max);
            }
            double lse = max + Math.log(sum);
            for (int j = 0; j < row.length; j++) {
                row[j] -= lse;
            }
        }
        return z;
    }

    /**
     * @param logits      {@code [rows, k]}
     * @param temperature {@code T > 0}
     * @return {@code softmax(z / T)} row by row {@code [rows, k]} DOUBLE
     * @throws IllegalArgumentException as {@link #logSoftmax}
     */
    public static INDArray softmax(INDArray logits, double temperature) {
        double[][] l = logSoftmax(logits, temperature);
        for (double[] row : l) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.exp(row[j]);
            }
        }
        return array(l);
    }

    /**
     * The distribution at temperature {@code T} of a model that reports probabilities {@code p = softmax(z)}:
     * {@code softmax(z / T) = p^(1/T) / sum_j p_j^(1/T)} (the unknown shift of {@code z} cancels), so the logits are not
     * needed (Hinton, Vinyals &amp; Dean 2015, eq. 1).
     *
     * @param probabilities {@code [rows, k]}, non-negative, each row with a positive sum
     * @param temperature   {@code T > 0}
     * @return {@code [rows, k]} DOUBLE, rows summing to 1
     * @throws IllegalArgumentException if a value is negative or not finite, a row sums to zero, or {@code T} is not
     *                                  a finite positive number
     */
    public static INDArray temperatureScaled(INDArray probabilities, double temperature) {
        requireTemperature(temperature);
        double[][] p = matrix(probabilities, "probabilities");
        double power = 1.0 / temperature;
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (int j = 0; j < p[i].length; j++) {
                double v = p[i][j];
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("probabilities must be finite and >= 0; row " + i + " column "
                            + j + " is " + v);
                }
                p[i][j] = Math.pow(v, power);
                sum += p[i][j];
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("probability row " + i + " sums to zero");
            }
            for (int j = 0; j < p[i].length; j++) {
                p[i][j] /= sum;
            }
        }
        return array(p);
    }

    /**
     * Kullback–Leibler divergence of every row, {@code KL(p || q) = sum_j p_j (log p_j - log q_j)} in nats, with
     * {@code 0 log 0 = 0} and {@code q} floored at {@link #LOG_FLOOR} inside the logarithm.
     *
     * @param p {@code [rows, k]} reference distributions (the teacher's, first as in DESIGN.md §4)
     * @param q {@code [rows, k]} approximating distributions (the student's)
     * @return {@code [rows]} divergences, {@code >= 0} up to rounding
     * @throws IllegalArgumentException if the shapes differ
     */
    public static double[] klDivergence(INDArray p, INDArray q) {
        double[][] a = matrix(p, "p");
        double[][] b = matrix(q, "q");
        requireSameShape(a, b);
        double[] kl = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < a[i].length; j++) {
                if (a[i][j] > 0) {
                    s += a[i][j] * (Math.log(a[i][j]) - Math.log(Math.max(b[i][j], LOG_FLOOR)));
                }
            }
            kl[i] = s;
        }
        return kl;
    }

    /**
     * @param p {@code [rows, k]} reference distributions
     * @param q {@code [rows, k]} approximating distributions
     * @return the mean of {@link #klDivergence} over the rows, nats
     * @throws IllegalArgumentException if the shapes differ or there is no row
     */
    public static double meanKlDivergence(INDArray p, INDArray q) {
        double[] kl = klDivergence(p, q);
        if (kl.length == 0) {
            throw new IllegalArgumentException("no rows to average a divergence over");
        }
        double s = 0;
        for (double v : kl) {
            s += v;
        }
        return s / kl.length;
    }

    /**
     * @param scores {@code [rows, k]}
     * @return the index of each row's largest value (the first one on a tie, as {@code argMax})
     * @throws IllegalArgumentException if not a matrix
     */
    public static int[] top1(INDArray scores) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("scores must be [rows, classes], got shape "
                    + java.util.Arrays.toString(scores.shape()));
        }
        long[] a = scores.argMax(1).toLongVector();
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (int) a[i];
        }
        return out;
    }

    /**
     * Top-1 agreement (fidelity, DESIGN.md §4): the fraction of rows on which two models pick the same class.
     *
     * @param a classes of the first model, one per row
     * @param b classes of the second model
     * @return agreeing rows / rows, in {@code [0, 1]}
     * @throws IllegalArgumentException if the lengths differ or are zero
     */
    public static double agreement(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("agreement needs two equally long, non-empty class lists, got "
                    + a.length + " and " + b.length);
        }
        long same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }

    static double[][] matrix(INDArray a, String what) {
        if (a == null || a.rank() != 2) {
            throw new IllegalArgumentException(what + " must be a [rows, k] matrix, got "
                    + (a == null ? "null" : "shape " + java.util.Arrays.toString(a.shape())));
        }
        int rows = (int) a.rows();
        int cols = (int) a.columns();
        double[] flat = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return m;
    }

    /**
     * @param a a {@code [rows, cols]} matrix of any floating type
     * @return its rows in double precision (one bulk copy, no per-element access)
     * @throws IllegalArgumentException if not a matrix
     */
    public static double[][] toRows(INDArray a) {
        return matrix(a, "matrix");
    }

    /**
     * @param m a rectangular matrix
     * @return it as a {@code [rows, cols]} DOUBLE array (one bulk copy)
     */
    public static INDArray array(double[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        return Nd4j.create(flat, new long[] {rows, cols}, 'c');
    }

    static void requireSameShape(double[][] a, double[][] b) {
        if (a.length != b.length || (a.length > 0 && a[0].length != b[0].length)) {
            throw new IllegalArgumentException("shapes differ: [" + a.length + ", " + (a.length > 0 ? a[0].length : 0)
                    + "] vs [" + b.length + ", " + (b.length > 0 ? b[0].length : 0) + "]");
        }
    }

    static void requireTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature T must be a finite number > 0, got " + temperature);
        }
    }
}
