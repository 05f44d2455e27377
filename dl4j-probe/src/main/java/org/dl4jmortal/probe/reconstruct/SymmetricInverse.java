package org.dl4jmortal.probe.reconstruct;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverse of a symmetric positive definite matrix by Cholesky factorisation {@code A = L L^T} (Golub &amp; Van Loan,
 * Matrix Computations, 4th ed., Alg. 4.2.1), in double precision on the JVM heap. Used for normal equations, where
 * ND4J's generic {@code matrixInverse} is much slower. Pure function.
 */
final class SymmetricInverse {
    private SymmetricInverse() {
    }

    /**
     * @param a symmetric positive definite matrix {@code [n, n]}
     * @return {@code a^-1} {@code [n, n]} DOUBLE
     * @throws IllegalArgumentException if {@code a} is not positive definite (a pivot is not positive), naming the
     *                                  pivot: the design does not determine every unknown
     */
    static INDArray invert(INDArray a) {
        int n = (int) a.rows();
        double[][] l = a.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int j = 0; j < n; j++) {
            double[] lj = l[j];
            double d = lj[j];
            for (int k = 0; k < j; k++) {
                d -= lj[k] * lj[k];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException("the normal equations are singular at unknown " + j
                        + ": the probes do not determine it (too few or linearly dependent probe rows)");
            }
            double s = Math.sqrt(d);
            lj[j] = s;
            for (int i = j + 1; i < n; i++) {
                double[] li = l[i];
                double v = li[j];
                for (int k = 0; k < j; k++) {
                    v -= li[k] * lj[k];
                }
                li[j] = v / s;
            }
        }
        // inverse of L (lower triangular), then A^-1 = L^-T L^-1
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            inv[i][i] = 1.0 / l[i][i];
            for (int j = 0; j < i; j++) {
                double v = 0;
                for (int k = j; k < i; k++) {
                    v -= l[i][k] * inv[k][j];
                }
                inv[i][j] = v / l[i][i];
            }
        }
        INDArray li = Nd4j.create(inv);
        return li.transpose().mmul(li);
    }
}
