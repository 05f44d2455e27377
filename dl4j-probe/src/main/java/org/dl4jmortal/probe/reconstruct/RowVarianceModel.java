package org.dl4jmortal.probe.reconstruct;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A two-parameter model of how the noise of a row depends on the row's input, for feasible weighted least squares
 * (Carroll &amp; Ruppert, Transformation and Weighting in Regression, 1988, ch. 2): {@code Var(y_nj) ~ s_j (max_i
 * |x_ni|^2 + kappa ||x_n||^2)}. The first term is converter noise under abs-max noise management (scaled by the row's
 * abs-max), the second read noise (growing with the row's energy). {@code kappa} is fitted from the squared residuals
 * of an ordinary least-squares fit, normalised per unit and pooled over units; the row weight is the inverse of the
 * bracket. Pure functions.
 */
final class RowVarianceModel {
    private RowVarianceModel() {
    }

    /**
     * @param x rows {@code [b, nIn]}, {@code b >= 2 nIn}
     * @param y responses {@code [b, nOut]}
     * @return {@code {kappa}}, {@code kappa >= 0}; {@code {0}} if there are too few rows to fit
     */
    static double[] fit(INDArray x, INDArray y) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray yd = y.castTo(DataType.DOUBLE);
        if (xd.rows() < 2 * xd.columns() + 2) {
            return new double[] {0.0};
        }
        INDArray g = xd.transpose().mmul(xd);
        double scale = Math.max(1e-300, Nd4j.diag(g).meanNumber().doubleValue());
        g.addi(Nd4j.eye(g.rows()).castTo(DataType.DOUBLE).muli(1e-9 * scale));
        INDArray w = SymmetricInverse.invert(g).mmul(xd.transpose().mmul(yd));
        INDArray r2 = yd.sub(xd.mmul(w));
        r2.muli(r2);
        INDArray perUnit = r2.mean(true, 0);
        perUnit.addi(1e-300);
        INDArray u = r2.diviRowVector(perUnit).mean(1);
        double[] a = features(xd)[0];
        double[] e = features(xd)[1];
        double[] uv = u.toDoubleVector();
        double saa = 0, sae = 0, see = 0, sau = 0, seu = 0;
        for (int n = 0; n < uv.length; n++) {
            saa += a[n] * a[n];
            sae += a[n] * e[n];
            see += e[n] * e[n];
            sau += a[n] * uv[n];
            seu += e[n] * uv[n];
        }
        double det = saa * see - sae * sae;
        if (!(det > 0)) {
            return new double[] {0.0};
        }
        double ca = (sau * see - seu * sae) / det;
        double ce = (saa * seu - sae * sau) / det;
        if (ca <= 0) {
            return new double[] {ce > 0 ? 1e6 : 0.0};
        }
        return new double[] {Math.max(0.0, ce / ca)};
    }

    /**
     * @param x     rows {@code [b, nIn]}
     * @param model from {@link #fit}
     * @return row weights {@code [b, 1]}: {@code 1 / (max|x|^2 + kappa ||x||^2)}, 0 for an all-zero row
     */
    static INDArray weights(INDArray x, double[] model) {
        double[][] f = features(x.castTo(DataType.DOUBLE));
        double[] w = new double[f[0].length];
        for (int n = 0; n < w.length; n++) {
            double v = f[0][n] + model[0] * f[1][n];
            w[n] = v > 0 ? 1.0 / v : 0.0;
        }
        return Nd4j.create(w, new long[] {w.length, 1}, DataType.DOUBLE);
    }

    private static double[][] features(INDArray xd) {
        INDArray amax = Transforms.abs(xd, true).max(1);
        return new double[][] {amax.mul(amax).toDoubleVector(), xd.mul(xd).sum(1).toDoubleVector()};
    }
}
