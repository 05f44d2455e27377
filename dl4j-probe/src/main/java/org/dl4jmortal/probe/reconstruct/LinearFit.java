package org.dl4jmortal.probe.reconstruct;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Streaming least squares for one layer, {@code Y = X W (+ 1 b) + noise}, with the Cramér–Rao bound of the rows
 * used (DESIGN.md §4). Rows arrive in chunks; only the normal equations are kept (double precision), so a design of
 * any length fits in memory.
 * <p>
 * <b>Shared mode</b> (one design for every unit): a row enters the fit only if every unit's response is valid in it,
 * so all units share {@code G = X^T X}; {@code W = G^-1 X^T Y} (ordinary least squares, or ridge
 * {@code (G + lambda mean(diag G) I)^-1 X^T Y}, which is biased). A ReLU layer read after its activation, where
 * each unit has its own active rows, is fitted by {@link ActiveSetFit} instead.
 * <p>
 * <b>Cramér–Rao bound.</b> With independent Gaussian noise of variance {@code V_nj} (from the true noise model) the
 * information of unit {@code j} is {@code F_j = X^T diag(1/V_.j) X}, and the bound on the squared error of an
 * unbiased estimate of its weights is {@code tr F_j^-1}. When {@code nOut p^2 <= EXACT_INFO_LIMIT} every
 * {@code F_j} is accumulated exactly. Otherwise (wide layers, where
 * {@code nOut} information matrices would cost too much) {@code tr F_j^-1 ~= tr G^-1 / wbar_j} with
 * {@code wbar_j = sum_n q_n / V_nj / sum_n omega_n q_n}, {@code q_n = ||G^-1 x_n||^2}, {@code G = X^T diag(omega) X}:
 * the first-order expansion of {@code F_j^-1} around {@code wbar_j G}, whose first-order term vanishes for this
 * choice, so the relative error is of second order in the spread of {@code 1 / (V omega)} across rows (exact for
 * homoscedastic noise with equal weights: then it is {@code sigma_j^2 tr (X^T X)^-1}). {@code q_n} uses the Gram
 * matrix of the rows seen so far, refreshed each time their number has grown fourfold.
 * <p>
 * Rows may carry weights {@code omega_n} (feasible weighted least squares).
 * <p>
 * <b>Estimated error</b> (no oracle): {@code sigma_hat_j^2 tr G^-1}, with the read noise {@code sigma_hat_j^2} estimated
 * from repeated reads of the same rows when there are any ({@link #addRepeats}: the pure-error estimate, free of any
 * lack of fit; Draper &amp; Smith, Applied Regression Analysis, 3rd ed., §2.1), else {@code RSS_j / (N - p)} from the
 * fit's own residuals; this is the method's own estimate, never the bound.
 */
final class LinearFit implements LayerFit {
    /** Largest {@code nOut p^2} for which shared mode accumulates every unit's information matrix exactly. */
    static final long EXACT_INFO_LIMIT = 2_000_000L;
    /** Fraction of rows on which an input must be non-zero to be identifiable (lower ReLU units). */
    static final double MIN_ACTIVITY = 0.01;
    /** Number of unknowns above which chunk products are computed in float32. */
    static final int FLOAT_PRODUCTS_ABOVE = 300;
    private final int nIn;
    private final int nOut;
    private final int p;
    private final boolean intercept;
    private final INDArray gram;
    private final INDArray xty;
    private final double[] yy;
    private final double[] pureErrorSum;
    private long pureErrorDof;
    private final List<INDArray> unitInfo = new ArrayList<>();
    private final double[] sumWq;
    private double sumQ;
    private boolean noiseSeen;
    private boolean infiniteInformation;
    private long rows;
    private int stride = 1;
    private final double[] activeRows;
    private final boolean exactInfo;
    private INDArray qInverse;
    private long qInverseRows;

    /**
     * @param nIn       regressors (layer inputs)
     * @param nOut      units
     * @param intercept whether to fit a bias column
     */
    LinearFit(int nIn, int nOut, boolean intercept) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.intercept = intercept;
        this.p = nIn + (intercept ? 1 : 0);
        this.gram = Nd4j.zeros(DataType.DOUBLE, p, p);
        this.xty = Nd4j.zeros(DataType.DOUBLE, p, nOut);
        this.yy = new double[nOut];
        this.pureErrorSum = new double[nOut];
        this.sumWq = new double[nOut];
        this.activeRows = new double[nIn];
        this.exactInfo = (long) nOut * p * p <= EXACT_INFO_LIMIT;
        if (exactInfo) {
            for (int j = 0; j < nOut; j++) {
                unitInfo.add(Nd4j.zeros(DataType.DOUBLE, p, p));
            }
        }
    }

    /** @return rows that entered the fit (shared mode) or that were offered (per-unit mode) */
    long rows() {
        return rows;
    }

    /**
     * @param x        regressors {@code [b, nIn]}
     * @param y        responses {@code [b, nOut]}
     * @param valid    0/1 validity {@code [b, nOut]}, or null for all valid
     * @param variance true noise variance of the responses {@code [b, nOut]}, or null if unknown
     */
    void add(INDArray x, INDArray y, INDArray valid, INDArray variance) {
        add(x, y, valid, variance, null);
    }

    /**
     * As {@link #add(INDArray, INDArray, INDArray, INDArray)} with row weights {@code omega_n > 0} (weighted least
     * squares, shared mode only): {@code G = X^T diag(omega) X}, {@code X^T diag(omega) Y}.
     *
     * @param rowWeights {@code [b]} or {@code [b, 1]} weights, or null for 1
     */
    void add(INDArray x, INDArray y, INDArray valid, INDArray variance, INDArray rowWeights) {
        add(x, y, valid, variance, rowWeights, 1);
    }

    /** @return true if the bound is approximated (wide layers), so the noise of a row sample suffices */
    @Override
    public boolean approximateBound() {
        return !exactInfo;
    }

    /**
     * As {@link #add(INDArray, INDArray, INDArray, INDArray, INDArray)} where {@code variance} is given only for rows
     * {@code 0, stride, 2 stride, ...} (approximate-bound mode without validity masks): the bound's sums are then
     * estimated from that systematic sample.
     *
     * @param stride the sampling stride of {@code variance}, {@code >= 1}
     */
    @Override
    public void add(INDArray x, INDArray y, INDArray valid, INDArray variance, INDArray rowWeights, int stride) {
        if (stride > 1 && (valid != null || !approximateBound())) {
            throw new IllegalArgumentException("a sampled variance needs the approximate bound and no validity mask");
        }
        this.stride = stride;
        // wide layers: products in float32 (twice as fast; a chunk's relative rounding ~1e-7 sqrt(b)), accumulated
        // in double; narrow layers: double throughout
        DataType type = p > FLOAT_PRODUCTS_ABOVE ? DataType.FLOAT : DataType.DOUBLE;
        INDArray xs = x.castTo(type);
        INDArray yd = y.castTo(DataType.DOUBLE);
        INDArray v = variance == null ? null : variance.castTo(DataType.DOUBLE);
        if (intercept) {
            xs = Nd4j.hstack(xs, Nd4j.ones(type, xs.rows(), 1));
        }
        if (valid != null) {
            int[] keep = rowsWhereAllValid(valid);
            if (keep.length == 0) {
                return;
            }
            if (keep.length < xs.rows()) {
                xs = xs.getRows(keep);
                yd = yd.getRows(keep);
                v = v == null ? null : v.getRows(keep);
                rowWeights = rowWeights == null ? null : rowWeights.reshape(rowWeights.length(), 1).getRows(keep);
            }
        }
        addShared(xs, yd, v, rowWeights == null ? null : rowWeights.castTo(type).reshape(xs.rows(), 1));
    }

    /**
     * @param xs    regressors with the intercept column {@code [b, p]}, FLOAT for wide layers, else DOUBLE
     * @param yd    responses {@code [b, nOut]} DOUBLE
     * @param v     true variances (every row, or every {@code stride}-th row), or null
     * @param omega row weights {@code [b, 1]} of the type of {@code xs}, or null for 1
     */
    private void addShared(INDArray xs, INDArray yd, INDArray v, INDArray omega) {
        DataType type = xs.dataType();
        INDArray xw = omega == null ? xs : xs.mulColumnVector(omega);
        INDArray xwt = xw.transpose();
        double[] nz = xs.neq(0.0).castTo(DataType.DOUBLE).sum(0).toDoubleVector();
        for (int i = 0; i < nIn; i++) {
            activeRows[i] += nz[i];
        }
        if (v != null && exactInfo) {
            // every unit's information X^T diag(1 / V_.j) X, in float products for speed (the bound needs no more)
            INDArray xf = xs.castTo(DataType.FLOAT);
            INDArray xft = xf.transpose();
            double[] rowEnergy = xf.mul(xf).sum(1).castTo(DataType.DOUBLE).toDoubleVector();
            double[][] vs = v.toDoubleMatrix();
            float[] w = new float[vs.length];
            for (int j = 0; j < nOut; j++) {
                for (int n = 0; n < w.length; n++) {
                    w[n] = vs[n][j] > 0 ? (float) (1.0 / vs[n][j]) : 0f;
                    infiniteInformation |= !(vs[n][j] > 0) && rowEnergy[n] > 0;
                }
                INDArray wc = Nd4j.create(w, new long[] {w.length, 1}, DataType.FLOAT);
                unitInfo.get(j).addi(xft.mmul(xf.mulColumnVector(wc)).castTo(DataType.DOUBLE));
            }
            noiseSeen = true;
        }
        if (v != null && !exactInfo) {
            // the reference Gram matrix of q_n is refreshed each time the rows have grown fourfold
            if (qInverse == null || (rows >= 2L * p && rows >= 4 * qInverseRows)) {
                INDArray reference = rows >= 2L * p ? gram : xs.transpose().mmul(xs).castTo(DataType.DOUBLE);
                qInverse = safeInverse(reference).castTo(DataType.FLOAT).detach(); // kept beyond a scratch workspace
                qInverseRows = Math.max(1, rows);
            }
            INDArray sampled = xs;
            INDArray omegaS = omega;
            if (stride > 1) {
                int[] sample = new int[(int) v.rows()];
                for (int i = 0; i < sample.length; i++) {
                    sample[i] = i * stride;
                }
                sampled = xs.getRows(sample);
                omegaS = omega == null ? null : omega.getRows(sample);
            }
            INDArray gx = sampled.castTo(DataType.FLOAT).mmul(qInverse);
            double[] qs = gx.muli(gx).sum(1).castTo(DataType.DOUBLE).toDoubleVector();
            double[] om = omegaS == null ? null : omegaS.castTo(DataType.DOUBLE).toDoubleVector();
            double[][] vs = v.toDoubleMatrix();
            for (int n = 0; n < qs.length; n++) {
                if (qs[n] <= 0) {
                    continue;
                }
                sumQ += qs[n] * (om == null ? 1.0 : om[n]);
                for (int j = 0; j < nOut; j++) {
                    if (vs[n][j] > 0) {
                        sumWq[j] += qs[n] / vs[n][j];
                    } else {
                        infiniteInformation = true;
                    }
                }
            }
            noiseSeen = true;
        }
        gram.addi(xwt.mmul(xs).castTo(DataType.DOUBLE));
        xty.addi(xwt.mmul(yd.castTo(type)).castTo(DataType.DOUBLE));
        INDArray squares = yd.mul(yd);
        if (omega != null) {
            squares.muliColumnVector(omega.castTo(DataType.DOUBLE));
        }
        double[] sq = squares.sum(0).toDoubleVector();
        for (int j = 0; j < nOut; j++) {
            yy[j] += sq[j];
        }
        rows += xs.rows();
    }

    /**
     * Adds the spread of repeated reads to the read-noise estimate: {@code y} holds groups of {@code repeats}
     * consecutive rows that are reads of the same input row (already added with {@link #add}); the within-group sum of
     * squares (weighted as the rows were) has {@code groups (repeats - 1)} degrees of freedom.
     *
     * @param y          responses {@code [groups * repeats, nOut]}
     * @param repeats    reads per group, {@code >= 2}
     * @param rowWeights row weights {@code [groups * repeats, 1]} as given to {@link #add}, or null for 1
     * @throws IllegalArgumentException if {@code repeats < 2} or the rows are not whole groups
     */
    void addRepeats(INDArray y, int repeats, INDArray rowWeights) {
        if (repeats < 2 || y.rows() % repeats != 0) {
            throw new IllegalArgumentException("repeated reads need groups of >= 2 rows, got " + y.rows() + " rows in "
                    + "groups of " + repeats);
        }
        int groups = (int) (y.rows() / repeats);
        INDArray yd = y.castTo(DataType.DOUBLE).reshape(groups, repeats, nOut);
        INDArray dev = yd.sub(yd.mean(true, 1).broadcast(groups, repeats, nOut));
        INDArray sq = dev.muli(dev);
        if (rowWeights != null) {
            INDArray w = rowWeights.castTo(DataType.DOUBLE).reshape(groups, repeats, 1).broadcast(groups, repeats, nOut);
            sq.muli(w);
        }
        double[] ss = sq.sum(0, 1).toDoubleVector();
        for (int j = 0; j < nOut; j++) {
            pureErrorSum[j] += ss[j];
        }
        pureErrorDof += (long) groups * (repeats - 1);
    }

    private static int[] rowsWhereAllValid(INDArray valid) {
        double[] minPerRow = valid.castTo(DataType.DOUBLE).min(1).toDoubleVector();
        int k = 0;
        int[] keep = new int[minPerRow.length];
        for (int i = 0; i < minPerRow.length; i++) {
            if (minPerRow[i] > 0) {
                keep[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(keep, k);
    }

    private static INDArray safeInverse(INDArray g) {
        double scale = Math.max(1e-300, Nd4j.diag(g).meanNumber().doubleValue());
        INDArray r = g.add(Nd4j.eye(g.rows()).castTo(DataType.DOUBLE).muli(1e-9 * scale));
        return SymmetricInverse.invert(r);
    }

    /** The solved layer. */
    record Solution(INDArray weights, INDArray bias, int[] deadInputs, int[] deadUnits, double errorVariance,
                    double boundVariance, long rows, double[] residualVariance, double[] rowVariance,
                    double[] activity) {

        /**
         * @return inputs that are non-zero on fewer than {@link #MIN_ACTIVITY} of the rows, or whose estimated weight
         * row is smaller than its own standard error (signal-to-noise below 1; shared mode): inputs that the probes
         * excite rarely or only through noise, functionally dead and not identifiable
         */
        java.util.Set<Integer> weakInputs() {
            java.util.Set<Integer> weak = new java.util.TreeSet<>();
            double[] norms = weights.mul(weights).sum(1).toDoubleVector();
            for (int i = 0; i < rowVariance.length; i++) {
                if ((rowVariance[i] > 0 && rowVariance[i] > norms[i]) || (activity[i] > 0 && activity[i] < MIN_ACTIVITY)) {
                    weak.add(i);
                }
            }
            return weak;
        }
    }

    /**
     * @param ridge ridge parameter {@code >= 0} relative to the mean diagonal of {@code X^T X} (0 = OLS)
     * @return weights {@code [nIn, nOut]}, bias {@code [1, nOut]} (zeros without intercept), inputs that were zero on
     * every row (their weight rows are left 0), no dead units (every unit shares the rows), the summed estimated and
     * bound variances (NaN bound if no noise was supplied)
     */
    @Override
    public Solution solve(double ridge) {
        return solve(ridge, java.util.Set.of());
    }

    /**
     * As {@link #solve(double)}, treating some inputs as dead: they stay in the fit as nuisance parameters (so that
     * leaving them out biases no other weight), but their rows are set to 0 in the result and left out of the
     * estimated error and the bound (the bound on the other weights is the corresponding part of {@code F^-1}).
     *
     * @param ridge    ridge parameter
     * @param excluded input indices to report as dead
     * @return the solution
     */
    @Override
    public Solution solve(double ridge, java.util.Set<Integer> excluded) {
        List<Integer> live = new ArrayList<>();
        List<Integer> dead = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            if (gram.getDouble(i, i) > 0) {
                live.add(i);
            } else {
                dead.add(i);
            }
        }
        int[] idx = live.stream().mapToInt(Integer::intValue).toArray();
        java.util.Set<Integer> deadSet = new java.util.TreeSet<>(dead);
        deadSet.addAll(excluded);
        int[] deadInputs = deadSet.stream().mapToInt(Integer::intValue).filter(i -> i < nIn).toArray();
        boolean[] counted = new boolean[idx.length];
        for (int k = 0; k < idx.length; k++) {
            counted[k] = idx[k] < nIn && !excluded.contains(idx[k]);
        }
        INDArray full = Nd4j.zeros(DataType.DOUBLE, p, nOut);
        double errorVar = 0;
        double boundVar = 0;
        double[] residualVar = new double[nOut];
        double[] rowVariance = new double[nIn];
        double[] activity = new double[nIn];
        for (int i = 0; i < nIn; i++) {
            activity[i] = rows > 0 ? activeRows[i] / rows : 0;
        }
        {
            INDArray g = sub(gram, idx);
            INDArray ginv = SymmetricInverse.invert(g);
            INDArray solveWith = ridge > 0 ? SymmetricInverse.invert(g.add(ridgeMatrix(g, ridge, idx.length))) : ginv;
            INDArray b = xty.getRows(idx);
            INDArray w = solveWith.mmul(b);
            double tr = trace(ginv, counted);
            double[] rss = rss(g, b, w, yy);
            for (int j = 0; j < nOut; j++) {
                residualVar[j] = pureErrorDof > 0 ? pureErrorSum[j] / pureErrorDof
                        : rss[j] / Math.max(1, rows - idx.length);
                errorVar += residualVar[j] * tr;
                if (noiseSeen) {
                    if (infiniteInformation) {
                        boundVar += 0.0;
                    } else if (exactInfo) {
                        boundVar += trace(SymmetricInverse.invert(sub(unitInfo.get(j), idx)), counted);
                    } else {
                        boundVar += sumWq[j] > 0 ? tr * sumQ / sumWq[j] : Double.POSITIVE_INFINITY;
                    }
                }
            }
            for (int k = 0; k < idx.length; k++) {
                full.putRow(idx[k], w.getRow(k));
                double rowVar = 0;
                for (int j = 0; j < nOut; j++) {
                    rowVar += residualVar[j] * ginv.getDouble(k, k);
                }
                if (idx[k] < nIn) {
                    rowVariance[idx[k]] = rowVar;
                }
            }
        }
        for (int i : excluded) {
            if (i < nIn) {
                full.getRow(i).assign(0);
            }
        }
        INDArray weights = full.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).dup();
        INDArray bias = intercept ? full.getRow(nIn, true).dup() : Nd4j.zeros(DataType.DOUBLE, 1, nOut);
        return new Solution(weights, bias, deadInputs, new int[0], errorVar, noiseSeen ? boundVar : Double.NaN, rows, residualVar, rowVariance, activity);
    }

    private static double trace(INDArray inv, boolean[] counted) {
        double t = 0;
        for (int k = 0; k < counted.length; k++) {
            if (counted[k]) {
                t += inv.getDouble(k, k);
            }
        }
        return t;
    }


    private INDArray ridgeMatrix(INDArray g, double ridge, int n) {
        double mean = Nd4j.diag(g).meanNumber().doubleValue();
        INDArray r = Nd4j.eye(n).castTo(DataType.DOUBLE).muli(ridge * mean);
        if (intercept) {
            r.putScalar(n - 1, n - 1, 0.0);
        }
        return r;
    }

    private static INDArray sub(INDArray g, int[] idx) {
        return g.getRows(idx).getColumns(idx);
    }

    private static double[] rss(INDArray g, INDArray b, INDArray w, double[] yTy) {
        double[] quad = w.mul(g.mmul(w)).sum(0).toDoubleVector();
        double[] cross = w.mul(b).sum(0).toDoubleVector();
        double[] out = new double[quad.length];
        for (int j = 0; j < quad.length; j++) {
            out[j] = Math.max(0, yTy[j] - 2 * cross[j] + quad[j]);
        }
        return out;
    }
}
