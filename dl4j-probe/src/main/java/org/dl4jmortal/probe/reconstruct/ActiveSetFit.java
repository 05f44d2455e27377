package org.dl4jmortal.probe.reconstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-unit least squares of a layer read after a ReLU (DESIGN.md §4 "After a nonlinearity": only probes where a unit
 * is active count for its row). Unit {@code j} solves {@code (U^T Omega M_j U) theta_j = U^T Omega M_j y_j} with
 * {@code U = [X, 1]} (the bias is the intercept), {@code Omega} the row weights and {@code M_j} the unit's selected
 * rows.
 * <p>
 * <b>Which rows count.</b> Selecting the rows where the observed output is positive would select on the noise: a
 * row near the unit's threshold enters only when its noise is positive, which biases the fit by an amount that does
 * not shrink with more probes (truncation bias of least squares on a truncated sample; Hausman &amp; Wise,
 * Econometrica 45:919, 1977). So the rows are selected in two stages: a first fit on the rows with a positive output
 * gives a predicted pre-activation {@code u_n theta_j} for every row, and the final fit uses the rows whose predicted
 * pre-activation exceeds {@value #SELECTION_MARGIN} residual standard deviations (and whose output is positive): a
 * choice made from the probe and an estimate that the row's own noise barely influences, so the selected outputs are
 * uncensored and unbiased. The rows given up are those just above the threshold.
 * <p>
 * <b>Solving.</b> When {@code nOut p^2} is at most {@link LinearFit#EXACT_INFO_LIMIT} every unit's Gram and
 * information matrices are formed and inverted (Cholesky). Wider layers would cost {@code nOut p^2 N} operations
 * (about {@code 3e16} for a 784-256 layer and 200,000 probes), so all units are solved together by the
 * preconditioned conjugate gradient method (Hestenes &amp; Stiefel 1952; Golub &amp; Van Loan, Matrix Computations,
 * 4th ed., Alg. 11.5.1), one column per unit, each iteration two passes of matrix products over the stored rows
 * ({@code 4 N p nOut} operations). The preconditioner of unit {@code j} is {@code f_j G}, {@code G = U^T Omega U}
 * over all rows and {@code f_j} the unit's weighted share of selected rows: for large random-like subsets the
 * preconditioned matrix has eigenvalues {@code 1 +- O(sqrt(p / N_j))} plus a few outliers along the unit's own
 * direction, so a handful of iterations suffice; every solve is warm-started from the previous one.
 * <p>
 * Rows are kept: regressors as signs times a scale when they take only the values {@code 0, +-s} (probe designs),
 * else as float; outputs as float; masks as bytes.
 * <p>
 * <b>Cramér–Rao bound</b> (from the supplied true noise {@code V}, never from residuals), for the selected rows:
 * exactly {@code tr F_j^-1}, {@code F_j = U^T diag(m_nj / V_nj) U}, for small layers; for wide layers approximated as
 * in {@link LinearFit}'s wide mode by {@code tr G^-1 / c_j}, {@code c_j = sum_n q_n m_nj / V_nj / sum_n omega_n q_n},
 * {@code q_n = ||G^-1 u_n||^2} (which cancels the first-order term of the expansion of {@code F_j^-1} around
 * {@code c_j G}), times the second-order correction of a random subset of {@code N_j} of {@code N} rows,
 * {@code (N_j - f_j (p + 1)) / (N_j - p - 1)} (ratio of inverse-Wishart means, {@code E[W_k^-1] = Sigma^-1 / (k - p
 * - 1)}; Mardia, Kent &amp; Bibby, Multivariate Analysis, 1979, §3.8). The neglected terms are of relative order
 * {@code 1 / p} (the selection along the unit's own direction), so the approximation serves wide layers. The wide
 * mode's sums use the rows at which the true noise was supplied (a systematic sample).
 */
final class ActiveSetFit implements LayerFit {
    /**
     * Relative preconditioned residual at which the final stage's conjugate gradients stop (the solver's error is
     * then far below the statistical error of any practical number of probes).
     */
    static final double TOLERANCE = 1e-5;
    /** The same for the first stage, which only predicts which rows count. */
    static final double FIRST_STAGE_TOLERANCE = 1e-3;
    /** Most conjugate-gradient iterations of one solve. */
    static final int MAX_ITERATIONS = 100;
    /** Predicted pre-activation, in residual standard deviations, above which a row counts for a unit. */
    static final double SELECTION_MARGIN = 4.0;

    private final int nIn;
    private final int nOut;
    private final int p;
    private final boolean exact;
    private final List<Chunk> chunks = new ArrayList<>();
    private final INDArray gram;
    private final double[] activeRows;
    private double weightSum;
    private long rows;
    private boolean noiseSeen;
    private INDArray theta;
    private Stage solved;
    private long solvedRows = -1;
    private double solvedRidge = Double.NaN;
    private int lastIterations;
    private int firstStageIterations;

    /** One stored chunk of rows. */
    private static final class Chunk {
        final INDArray x;
        final double scale;
        final INDArray y;
        final INDArray valid;
        final INDArray omega;
        final INDArray variance;
        final int stride;
        INDArray selected;

        Chunk(INDArray x, double scale, INDArray y, INDArray valid, INDArray omega, INDArray variance, int stride) {
            this.x = x;
            this.scale = scale;
            this.y = y;
            this.valid = valid;
            this.omega = omega;
            this.variance = variance;
            this.stride = stride;
        }

        /** @return the regressors {@code [b, nIn]} FLOAT */
        INDArray regressors() {
            return scale == 0 ? x : x.castTo(DataType.FLOAT).muli(scale);
        }

        INDArray mask(boolean finalStage) {
            return (finalStage ? selected : valid).castTo(DataType.FLOAT);
        }
    }

    /** Sums over the selected rows of one stage, and its solution. */
    private static final class Stage {
        final boolean finalStage;
        final INDArray xty;
        final double[] yy;
        final double[] count;
        final double[] weight;
        INDArray residual;
        double[] lambda;

        Stage(boolean finalStage, int p, int nOut) {
            this.finalStage = finalStage;
            this.xty = Nd4j.zeros(DataType.DOUBLE, p, nOut);
            this.yy = new double[nOut];
            this.count = new double[nOut];
            this.weight = new double[nOut];
        }
    }

    /**
     * @param nIn  regressors (layer inputs)
     * @param nOut units
     * @throws IllegalArgumentException if a size is not positive
     */
    ActiveSetFit(int nIn, int nOut) {
        if (nIn <= 0 || nOut <= 0) {
            throw new IllegalArgumentException("layer sizes must be positive, got " + nIn + " x " + nOut);
        }
        this.nIn = nIn;
        this.nOut = nOut;
        this.p = nIn + 1;
        this.exact = (long) nOut * p * p <= LinearFit.EXACT_INFO_LIMIT;
        this.gram = Nd4j.zeros(DataType.DOUBLE, p, p);
        this.activeRows = new double[nIn];
    }

    @Override
    public boolean approximateBound() {
        return !exact;
    }

    /** @return conjugate-gradient iterations of the last solve's final stage (0 for the exact mode) */
    int lastIterations() {
        return lastIterations;
    }

    /** @return how the last solve went, for the layer's note */
    String describe() {
        return "each unit on its own rows (predicted pre-activation above " + SELECTION_MARGIN
                + " residual standard deviations), " + (exact ? "per-unit normal equations"
                : "conjugate gradients (" + firstStageIterations + " + " + lastIterations + " iterations)");
    }

    @Override
    public void add(INDArray x, INDArray y, INDArray valid, INDArray variance, INDArray rowWeights, int stride) {
        if (stride < 1 || (stride > 1 && exact)) {
            throw new IllegalArgumentException("a sampled variance (stride " + stride + ") needs the approximate bound"
                    + " of a wide layer");
        }
        int b = (int) x.rows();
        INDArray xf = x.castTo(DataType.FLOAT);
        INDArray omega = rowWeights == null ? Nd4j.ones(DataType.FLOAT, b, 1)
                : rowWeights.castTo(DataType.FLOAT).reshape(b, 1);
        INDArray xw = xf.mulColumnVector(omega);
        INDArray colSums = xw.sum(0).castTo(DataType.DOUBLE);
        gram.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.interval(0, nIn))
                .addi(xw.transpose().mmul(xf).castTo(DataType.DOUBLE));
        gram.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.point(nIn)).addi(colSums);
        gram.get(NDArrayIndex.point(nIn), NDArrayIndex.interval(0, nIn)).addi(colSums);
        double omegaTotal = omega.sumNumber().doubleValue();
        gram.putScalar(nIn, nIn, gram.getDouble(nIn, nIn) + omegaTotal);
        weightSum += omegaTotal;
        double[] nz = xf.neq(0.0).castTo(DataType.DOUBLE).sum(0).toDoubleVector();
        for (int i = 0; i < nIn; i++) {
            activeRows[i] += nz[i];
        }
        rows += b;
        noiseSeen |= variance != null;
        INDArray validBytes = valid == null ? Nd4j.ones(DataType.BYTE, b, nOut) : valid.castTo(DataType.BYTE);
        double scale = signScale(xf);
        chunks.add(new Chunk(scale > 0 ? Transforms.sign(xf, true).castTo(DataType.BYTE) : xf, scale,
                y.castTo(DataType.FLOAT), validBytes, omega, variance == null ? null : variance.castTo(DataType.DOUBLE),
                stride));
    }

    /** @return the magnitude {@code s} if every value is 0 or {@code +-s} (a probe design), else 0 */
    private static double signScale(INDArray xf) {
        double s = xf.amaxNumber().doubleValue();
        if (!(s > 0)) {
            return 0;
        }
        INDArray a = Transforms.abs(xf, true);
        long off = a.neq(0.0).castTo(DataType.INT32).muli(a.neq(s).castTo(DataType.INT32)).sumNumber().longValue();
        return off == 0 ? s : 0;
    }

    @Override
    public LinearFit.Solution solve(double ridge, Set<Integer> excluded) {
        int[] live = liveUnknowns();
        int pLive = live.length;
        INDArray ginv = embed(SymmetricInverse.invert(gram.getRows(live).getColumns(live)), live);
        if (solvedRows != rows || Double.compare(solvedRidge, ridge) != 0) {
            Stage first = stage(false);
            INDArray t1 = fit(first, ginv, pLive, ridge, theta);
            firstStageIterations = lastIterations;
            double[] sigma = residualVariance(first, t1, pLive);
            for (int j = 0; j < nOut; j++) {
                sigma[j] = Math.sqrt(sigma[j]);
            }
            select(t1, sigma);
            Stage last = stage(true);
            theta = fit(last, ginv, pLive, ridge, t1);
            solved = last;
            solvedRows = rows;
            solvedRidge = ridge;
        }
        return report(solved, ginv, live, excluded);
    }

    private int[] liveUnknowns() {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            if (gram.getDouble(i, i) > 0) {
                l.add(i);
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private INDArray embed(INDArray inverse, int[] live) {
        if (live.length == p) {
            return inverse;
        }
        INDArray full = Nd4j.zeros(DataType.DOUBLE, p, p);
        double[][] v = inverse.toDoubleMatrix();
        for (int a = 0; a < live.length; a++) {
            for (int b = 0; b < live.length; b++) {
                full.putScalar(live[a], live[b], v[a][b]);
            }
        }
        return full;
    }

    /** Sums of a stage over its selected rows, in one pass. */
    private Stage stage(boolean finalStage) {
        Stage s = new Stage(finalStage, p, nOut);
        INDArray accX = Nd4j.zeros(DataType.FLOAT, nIn, nOut);
        for (Chunk c : chunks) {
            INDArray m = c.mask(finalStage);
            INDArray wm = m.mulColumnVector(c.omega);
            INDArray wy = c.y.mul(wm);
            INDArray xc = c.regressors();
            INDArray product = xc.transpose().mmul(wy);
            accX.addi(product);
            s.xty.getRow(nIn).addi(wy.sum(0).castTo(DataType.DOUBLE));
            add(s.yy, wy.mul(c.y).sum(0));
            add(s.count, m.sum(0));
            add(s.weight, wm.sum(0));
            release(c, xc, m, wm, wy, product);
        }
        s.xty.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).addi(accX.castTo(DataType.DOUBLE));
        return s;
    }

    private static void add(double[] acc, INDArray v) {
        double[] d = v.castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < acc.length; i++) {
            acc[i] += d[i];
        }
    }

    private boolean solvable(Stage s, int j, int pLive) {
        return s.count[j] >= pLive && s.weight[j] > 0;
    }

    /** Marks, per unit, the rows whose predicted pre-activation exceeds the margin (and whose output is valid). */
    private void select(INDArray t, double[] sigma) {
        INDArray tx = t.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).castTo(DataType.FLOAT);
        INDArray tb = t.getRow(nIn, true).castTo(DataType.FLOAT);
        double[] margin = new double[nOut];
        for (int j = 0; j < nOut; j++) {
            margin[j] = SELECTION_MARGIN * sigma[j];
        }
        INDArray marginRow = Nd4j.create(margin, new long[] {1, nOut}, DataType.DOUBLE).castTo(DataType.FLOAT);
        for (Chunk c : chunks) {
            INDArray xc = c.regressors();
            INDArray z = xc.mmul(tx).addiRowVector(tb);
            // a row of weight omega has noise std sigma / sqrt(omega)
            INDArray threshold = Transforms.sqrt(c.omega, true).rdivi(1.0f).mmul(marginRow);
            if (c.selected != null) {
                c.selected.close();
            }
            c.selected = z.gt(threshold).castTo(DataType.BYTE).muli(c.valid);
            release(c, xc, z, threshold);
        }
    }

    private INDArray fit(Stage s, INDArray ginv, int pLive, double ridge, INDArray start) {
        double meanDiag = 0;
        for (int k = 0; k < nIn; k++) {
            meanDiag += gram.getDouble(k, k);
        }
        meanDiag /= nIn;
        s.lambda = new double[nOut];
        for (int j = 0; j < nOut; j++) {
            s.lambda[j] = ridge * (weightSum > 0 ? s.weight[j] / weightSum : 0) * meanDiag;
        }
        return exact ? exactFit(s, pLive, ridge)
                : conjugateGradients(s, ginv, pLive, start, s.finalStage ? TOLERANCE : FIRST_STAGE_TOLERANCE);
    }

    /** Per-unit Gram matrices over the selected rows {@code [p, p]} (exact mode), DOUBLE. */
    private List<INDArray> unitGrams(boolean finalStage, boolean information) {
        List<INDArray> g = new ArrayList<>();
        for (int j = 0; j < nOut; j++) {
            g.add(Nd4j.zeros(DataType.DOUBLE, p, p));
        }
        for (Chunk c : chunks) {
            INDArray u = Nd4j.hstack(c.regressors(), Nd4j.ones(DataType.FLOAT, c.x.rows(), 1)).castTo(DataType.DOUBLE);
            INDArray ut = u.transpose();
            INDArray m = c.mask(finalStage).castTo(DataType.DOUBLE);
            // information weights m / V (0 on rows that do not count; infinite on a noise-free counted row)
            INDArray w = information ? m.div(c.variance.add(m.rsub(1.0)))
                    : m.mulColumnVector(c.omega.castTo(DataType.DOUBLE));
            for (int j = 0; j < nOut; j++) {
                g.get(j).addi(ut.mmul(u.mulColumnVector(w.getColumn(j).reshape(u.rows(), 1))));
            }
        }
        return g;
    }

    private INDArray exactFit(Stage s, int pLive, double ridge) {
        INDArray t = Nd4j.zeros(DataType.DOUBLE, p, nOut);
        List<INDArray> grams = unitGrams(s.finalStage, false);
        for (int j = 0; j < nOut; j++) {
            if (!solvable(s, j, pLive)) {
                continue;
            }
            int[] idx = live(grams.get(j));
            INDArray g = grams.get(j).getRows(idx).getColumns(idx);
            for (int k = 0; k < idx.length; k++) {
                if (idx[k] < nIn) {
                    g.putScalar(k, k, g.getDouble(k, k) + s.lambda[j]);
                }
            }
            INDArray solution = SymmetricInverse.invert(g).mmul(s.xty.getColumn(j).reshape(p, 1).getRows(idx));
            for (int k = 0; k < idx.length; k++) {
                t.putScalar(idx[k], j, solution.getDouble(k, 0));
            }
        }
        s.residual = Nd4j.zeros(DataType.DOUBLE, p, nOut);
        INDArray at = apply(t, s.finalStage).addi(ridgeTerm(t, s.lambda));
        s.residual = s.xty.sub(at);
        lastIterations = 0;
        return t;
    }

    private static int[] live(INDArray g) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < g.rows(); i++) {
            if (g.getDouble(i, i) > 0) {
                l.add(i);
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private INDArray ridgeTerm(INDArray v, double[] lambda) {
        INDArray r = v.mulRowVector(Nd4j.create(lambda, new long[] {1, nOut}, DataType.DOUBLE));
        r.getRow(nIn).assign(0);
        return r;
    }

    /**
     * {@code (U^T Omega M_j U) v_j} for every column {@code j}, in one pass over the rows.
     *
     * @param v          {@code [p, nOut]} DOUBLE
     * @param finalStage which masks
     * @return {@code [p, nOut]} DOUBLE
     */
    private INDArray apply(INDArray v, boolean finalStage) {
        INDArray vx = v.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).castTo(DataType.FLOAT);
        INDArray vb = v.getRow(nIn, true).castTo(DataType.FLOAT);
        INDArray accX = Nd4j.zeros(DataType.FLOAT, nIn, nOut);
        INDArray accB = Nd4j.zeros(DataType.FLOAT, 1, nOut);
        for (Chunk c : chunks) {
            INDArray xc = c.regressors();
            INDArray z = xc.mmul(vx).addiRowVector(vb);
            INDArray m = c.mask(finalStage);
            z.muli(m).muliColumnVector(c.omega);
            INDArray product = xc.transpose().mmul(z);
            accX.addi(product);
            INDArray sums = z.sum(true, 0);
            accB.addi(sums);
            release(c, xc, z, m, product, sums);
        }
        return Nd4j.vstack(accX, accB).castTo(DataType.DOUBLE);
    }

    /**
     * Frees the off-heap buffers of a pass's temporaries at once (the conjugate gradients make many large
     * temporaries and few heap objects, so waiting for the garbage collector would let native memory grow).
     *
     * @param c     the chunk whose stored arrays must not be freed
     * @param temps temporaries of one chunk
     */
    private static void release(Chunk c, INDArray... temps) {
        for (INDArray t : temps) {
            if (t != c.x && t != c.y && t != c.valid && t != c.selected && t != c.omega && t.closeable()) {
                t.close();
            }
        }
    }

    private static INDArray columnDot(INDArray a, INDArray b) {
        return a.mul(b).sum(true, 0);
    }

    private INDArray conjugateGradients(Stage s, INDArray ginv, int pLive, INDArray start, double tolerance) {
        INDArray scale = Nd4j.zeros(DataType.DOUBLE, 1, nOut);
        for (int j = 0; j < nOut; j++) {
            scale.putScalar(0, j, solvable(s, j, pLive) ? weightSum / s.weight[j] : 0.0);
        }
        INDArray on = scale.neq(0.0).castTo(DataType.DOUBLE);
        java.util.function.UnaryOperator<INDArray> precondition = r -> ginv.mmul(r).muliRowVector(scale);
        INDArray b = s.xty.mulRowVector(on);
        INDArray t = start == null ? precondition.apply(b) : start.mulRowVector(on);
        INDArray r = b.sub(apply(t, s.finalStage).addi(ridgeTerm(t, s.lambda)));
        INDArray z = precondition.apply(r);
        INDArray dir = z.dup();
        double[] rz = columnDot(r, z).toDoubleVector();
        double[] rhs = columnDot(b, precondition.apply(b)).toDoubleVector();
        int it = 0;
        while (it < MAX_ITERATIONS && !converged(rz, rhs, tolerance)) {
            INDArray ad = apply(dir, s.finalStage).addi(ridgeTerm(dir, s.lambda));
            double[] dad = columnDot(dir, ad).toDoubleVector();
            double[] alpha = new double[nOut];
            for (int j = 0; j < nOut; j++) {
                alpha[j] = dad[j] > 0 && rz[j] > tolerance * tolerance * rhs[j] ? rz[j] / dad[j] : 0.0;
            }
            INDArray alphaRow = Nd4j.create(alpha, new long[] {1, nOut}, DataType.DOUBLE);
            t.addi(dir.mulRowVector(alphaRow));
            r.subi(ad.mulRowVector(alphaRow));
            z = precondition.apply(r);
            double[] rzNew = columnDot(r, z).toDoubleVector();
            double[] beta = new double[nOut];
            for (int j = 0; j < nOut; j++) {
                beta[j] = rz[j] > 0 ? rzNew[j] / rz[j] : 0.0;
            }
            dir = z.addi(dir.mulRowVector(Nd4j.create(beta, new long[] {1, nOut}, DataType.DOUBLE)));
            rz = rzNew;
            it++;
        }
        lastIterations = it;
        s.residual = r;
        return t;
    }

    private static boolean converged(double[] rz, double[] rhs, double tolerance) {
        for (int j = 0; j < rz.length; j++) {
            if (rz[j] > tolerance * tolerance * rhs[j]) {
                return false;
            }
        }
        return true;
    }

    /** Residual variances per unit, {@code RSS_j / (N_j - p)}, from the normal equations. */
    private double[] residualVariance(Stage s, INDArray t, int pLive) {
        double[] tb = columnDot(t, s.xty).toDoubleVector();
        // A t = b - r, so t' A0 t = t' (b - r) - lambda ||t_x||^2
        double[] tat = columnDot(t, s.xty.sub(s.residual)).toDoubleVector();
        INDArray tx = t.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all());
        double[] norm = columnDot(tx, tx).toDoubleVector();
        double[] v = new double[nOut];
        for (int j = 0; j < nOut; j++) {
            if (solvable(s, j, pLive)) {
                double rss = Math.max(0, s.yy[j] - 2 * tb[j] + tat[j] - s.lambda[j] * norm[j]);
                v[j] = rss / Math.max(1, s.count[j] - pLive);
            }
        }
        return v;
    }

    private LinearFit.Solution report(Stage s, INDArray ginv, int[] live, Set<Integer> excluded) {
        int pLive = live.length;
        INDArray w = theta.dup();
        List<Integer> deadUnits = new ArrayList<>();
        for (int j = 0; j < nOut; j++) {
            if (!solvable(s, j, pLive)) {
                deadUnits.add(j);
                w.getColumn(j).assign(0);
            }
        }
        boolean[] counted = new boolean[p];
        for (int i : live) {
            counted[i] = i < nIn && !excluded.contains(i);
        }
        double trCounted = 0;
        for (int i = 0; i < p; i++) {
            trCounted += counted[i] ? ginv.getDouble(i, i) : 0;
        }
        double[] residualVar = residualVariance(s, w, pLive);
        double[] wishart = new double[nOut];
        double[] share = new double[nOut];
        double errorVar = 0;
        for (int j = 0; j < nOut; j++) {
            if (!solvable(s, j, pLive)) {
                continue;
            }
            share[j] = s.weight[j] / weightSum;
            double f = s.count[j] / rows;
            wishart[j] = s.count[j] > pLive + 1 ? (s.count[j] - f * (pLive + 1)) / (s.count[j] - pLive - 1) : 1.0;
            errorVar += residualVar[j] * trCounted / share[j] * wishart[j];
        }
        double boundVar = !noiseSeen ? Double.NaN
                : exact ? exactBound(s, pLive, counted) : approximateBound(s, ginv, trCounted, pLive, wishart);
        double[] rowVariance = new double[nIn];
        double[] activity = new double[nIn];
        for (int i = 0; i < nIn; i++) {
            activity[i] = rows > 0 ? activeRows[i] / rows : 0;
            for (int j = 0; j < nOut; j++) {
                if (share[j] > 0) {
                    rowVariance[i] += residualVar[j] * ginv.getDouble(i, i) / share[j];
                }
            }
        }
        Set<Integer> deadInputs = new TreeSet<>(excluded);
        for (int i = 0; i < nIn; i++) {
            if (!(gram.getDouble(i, i) > 0)) {
                deadInputs.add(i);
            }
        }
        for (int i : excluded) {
            if (i < nIn) {
                w.getRow(i).assign(0);
            }
        }
        return new LinearFit.Solution(w.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).dup(),
                w.getRow(nIn, true).dup(), deadInputs.stream().mapToInt(Integer::intValue).filter(i -> i < nIn).toArray(),
                deadUnits.stream().mapToInt(Integer::intValue).toArray(), errorVar, boundVar, rows, residualVar,
                rowVariance, activity);
    }

    private double exactBound(Stage s, int pLive, boolean[] counted) {
        List<INDArray> info = unitGrams(s.finalStage, true);
        double total = 0;
        for (int j = 0; j < nOut; j++) {
            if (!solvable(s, j, pLive)) {
                continue;
            }
            INDArray f = info.get(j);
            if (!Double.isFinite(f.sumNumber().doubleValue())) {
                continue; // a noise-free selected row: infinite information, bound 0
            }
            int[] idx = live(f);
            INDArray inv = SymmetricInverse.invert(f.getRows(idx).getColumns(idx));
            for (int k = 0; k < idx.length; k++) {
                total += counted[idx[k]] ? inv.getDouble(k, k) : 0;
            }
        }
        return total;
    }

    private double approximateBound(Stage s, INDArray ginv, double trCounted, int pLive, double[] wishart) {
        INDArray ginvF = ginv.castTo(DataType.FLOAT);
        double sumQ = 0;
        double[] sumWq = new double[nOut];
        boolean[] infinite = new boolean[nOut];
        for (Chunk c : chunks) {
            if (c.variance == null) {
                continue;
            }
            int n = (int) c.variance.rows();
            int[] sample = new int[n];
            for (int i = 0; i < n; i++) {
                sample[i] = i * c.stride;
            }
            INDArray us = Nd4j.hstack(c.regressors().getRows(sample), Nd4j.ones(DataType.FLOAT, n, 1));
            INDArray gx = us.mmul(ginvF);
            double[] q = gx.muli(gx).sum(1).castTo(DataType.DOUBLE).toDoubleVector();
            double[] om = c.omega.getRows(sample).castTo(DataType.DOUBLE).toDoubleVector();
            double[][] m = c.mask(s.finalStage).getRows(sample).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] v = c.variance.toDoubleMatrix();
            for (int k = 0; k < n; k++) {
                sumQ += om[k] * q[k];
                for (int j = 0; j < nOut; j++) {
                    if (m[k][j] == 0) {
                        continue;
                    }
                    if (v[k][j] > 0) {
                        sumWq[j] += q[k] / v[k][j];
                    } else if (q[k] > 0) {
                        infinite[j] = true;
                    }
                }
            }
        }
        double total = 0;
        for (int j = 0; j < nOut; j++) {
            if (solvable(s, j, pLive) && !infinite[j]) {
                total += sumWq[j] > 0 ? trCounted * sumQ / sumWq[j] * wishart[j] : Double.POSITIVE_INFINITY;
            }
        }
        return total;
    }
}
