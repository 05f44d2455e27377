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
        // M = L^-1 by forward substitution, one column at a time (row j of t holds column j of M, so every inner
        // loop runs along contiguous rows); then A^-1 = M^T M = t t^T
        double[][] t = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] m = t[j];
            m[j] = 1.0 / l[j][j];
            for (int i = j + 1; i < n; i++) {
                double[] li = l[i];
                double v = 0;
                for (int k = j; k < i; k++) {
                    v -= li[k] * m[k];
                }
                m[i] = v / li[i];
            }
        }
        INDArray tm = Nd4j.create(t);
        return tm.mmul(tm.transpose());
    }
}
