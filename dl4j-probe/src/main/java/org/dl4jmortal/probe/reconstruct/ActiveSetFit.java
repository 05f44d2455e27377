package org.dl4jmortal.probe.reconstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
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
 * ({@code 4 N p nOut} operations). The preconditioner of unit {@code j} is {@code M_j = D_j^1/2 R D_j^1/2}: the
 * correlation matrix {@code R = D^-1/2 G D^-1/2} of all rows ({@code G = U^T Omega U}, {@code D = diag G}) rescaled
 * to the unit's own diagonal {@code D_j = diag(U^T Omega M_j U)}, one matrix product over the rows for all units.
 * Selecting a unit's rows changes the scale of its inputs much more than their correlations (a ReLU input that is
 * often active together with the unit gains weight), so the preconditioned matrix stays close to the identity and a
 * handful of iterations suffice; every solve is warm-started from the previous one. The first stage, which only
 * predicts which rows count, is fitted on the first quarter of the rows (at least {@code 16 p}).
 * <p>
 * Rows are kept: regressors as signs times a scale when they take only the values {@code 0, +-s} (probe designs),
 * else as float; outputs as float; masks as bytes.
 * <p>
 * <b>Cramér–Rao bound</b> (from the supplied true noise {@code V}, never from residuals), for the selected rows:
 * exactly {@code tr F_j^-1}, {@code F_j = U^T diag(m_nj / V_nj) U}, for small layers. For wide layers the same
 * rescaling approximates it: {@code tr F_j^-1 ~= sum_i (R^-1)_ii / (F_j)_ii}, the diagonal {@code (F_j)_ii} computed
 * from the rows at which the true noise was supplied (a systematic sample, scaled to all rows), times the
 * second-order correction of a subset of {@code N_j} of {@code N} rows, {@code (N_j - f_j (p + 1)) / (N_j - p - 1)}
 * (ratio of inverse-Wishart means, {@code E[W_k^-1] = Sigma^-1 / (k - p - 1)}; Mardia, Kent &amp; Bibby, Multivariate
 * Analysis, 1979, §3.8). On ReLU inputs whose units are active on 15-50% of the rows this stays within about 2% of
 * the exact trace, where rescaling by the share of rows alone ({@code tr G^-1 / f_j}) was off by up to a factor of
 * 3.6. The estimated error uses the same rescaling with {@code diag(U^T Omega M_j U)}.
 */
final class ActiveSetFit implements LayerFit {
    /**
     * Relative preconditioned residual at which the final stage's conjugate gradients stop first; the solve then
     * continues to {@value #ERROR_SHARE} of the relative error estimated from that solution when this is smaller (at
     * least {@value #FLOOR_TOLERANCE}, the precision of float products): the solver's error then adds well under 1%
     * to the statistical error, and a noise-free layer is solved to float precision.
     */
    static final double TOLERANCE = 1e-3;
    /** Final tolerance as a share of the estimated relative error. */
    static final double ERROR_SHARE = 0.03;
    /** Smallest stopping tolerance (float32 products). */
    static final double FLOOR_TOLERANCE = 1e-6;
    /** The same for the first stage, which only predicts which rows count. */
    static final double FIRST_STAGE_TOLERANCE = 1e-2;
    /** Most conjugate-gradient iterations of one solve. */
    static final int MAX_ITERATIONS = 100;
    /** Predicted pre-activation, in residual standard deviations, above which a row counts for a unit. */
    static final double SELECTION_MARGIN = 4.0;
    /** Share of the rows (at least 16 per unknown) on which the first stage is fitted. */
    static final double FIRST_STAGE_SHARE = 0.25;

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
    private double finalTolerance = TOLERANCE;

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
        final INDArray diag;
        final int chunkCount;
        INDArray residual;
        double[] lambda;

        Stage(boolean finalStage, int chunkCount, int p, int nOut) {
            this.finalStage = finalStage;
            this.chunkCount = chunkCount;
            this.diag = Nd4j.zeros(DataType.DOUBLE, p, nOut);
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
        // kept beyond a caller's scratch workspace (detach is a no-op outside one)
        chunks.add(new Chunk((scale > 0 ? Transforms.sign(xf, true).castTo(DataType.BYTE) : xf).detach(), scale,
                y.castTo(DataType.FLOAT).detach(), validBytes.detach(), omega.detach(),
                variance == null ? null : variance.castTo(DataType.DOUBLE).detach(), stride));
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
        // R^-1 = D^1/2 G^-1 D^1/2 (the inverse correlation matrix of all rows)
        INDArray root = Transforms.sqrt(Nd4j.diag(gram).reshape(p, 1), true);
        INDArray rinv = ginv.mulColumnVector(root).muliRowVector(root.reshape(1, p));
        if (solvedRows != rows || Double.compare(solvedRidge, ridge) != 0) {
            Stage first = stage(false, firstStageChunks());
            INDArray t1 = fit(first, rinv, pLive, ridge, theta);
            firstStageIterations = lastIterations;
            double[] sigma = residualVariance(first, t1, pLive);
            for (int j = 0; j < nOut; j++) {
                sigma[j] = Math.sqrt(sigma[j]);
            }
            select(t1, sigma);
            Stage last = stage(true, chunks.size());
            finalTolerance = TOLERANCE;
            theta = fit(last, rinv, pLive, ridge, t1);
            int iterations = lastIterations;
            // a small statistical error asks for a tighter solve; the estimate shrinks as the solve tightens (its
            // residuals contain the solver's error), down to float precision for noise-free reads
            for (int round = 0; !exact && round < 4; round++) {
                double error = relativeError(last, theta, residualVariance(last, theta, pLive),
                        Nd4j.diag(rinv).toDoubleVector(), pLive);
                double tighter = Math.max(FLOOR_TOLERANCE, ERROR_SHARE * error);
                if (!(tighter < 0.5 * finalTolerance)) {
                    break;
                }
                finalTolerance = tighter;
                theta = fit(last, rinv, pLive, ridge, theta);
                iterations += lastIterations;
            }
            lastIterations = iterations;
            solved = last;
            solvedRows = rows;
            solvedRidge = ridge;
        }
        return report(solved, rinv, live, excluded);
    }

    /** @return how many chunks the first stage uses: a quarter of the rows, at least 16 per unknown */
    private int firstStageChunks() {
        long wanted = Math.max((long) (FIRST_STAGE_SHARE * rows), 16L * p);
        long seen = 0;
        for (int k = 0; k < chunks.size(); k++) {
            seen += chunks.get(k).x.rows();
            if (seen >= wanted) {
                return k + 1;
            }
        }
        return chunks.size();
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

    /** Sums of a stage over its selected rows of the first {@code chunkCount} chunks, in one pass. */
    private Stage stage(boolean finalStage, int chunkCount) {
        Stage s = new Stage(finalStage, chunkCount, p, nOut);
        INDArray accX = Nd4j.zeros(DataType.FLOAT, nIn, nOut);
        INDArray accD = Nd4j.zeros(DataType.FLOAT, nIn, nOut);
        for (Chunk c : chunks.subList(0, chunkCount)) {
            try (MemoryWorkspace ignored = ScratchWorkspaces.solving()) {
                INDArray m = c.mask(finalStage);
                INDArray wm = m.mulColumnVector(c.omega);
                INDArray wy = c.y.mul(wm);
                INDArray xc = c.regressors();
                accX.addi(xc.transpose().mmul(wy));
                accD.addi(xc.mul(xc).transpose().mmul(wm));
                INDArray wmSums = wm.sum(0);
                s.xty.getRow(nIn).addi(wy.sum(0).castTo(DataType.DOUBLE));
                s.diag.getRow(nIn).addi(wmSums.castTo(DataType.DOUBLE));
                add(s.yy, wy.mul(c.y).sum(0));
                add(s.count, m.sum(0));
                add(s.weight, wmSums);
            }
        }
        s.xty.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).addi(accX.castTo(DataType.DOUBLE));
        s.diag.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).addi(accD.castTo(DataType.DOUBLE));
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
            INDArray previous = c.selected;
            try (MemoryWorkspace ignored = ScratchWorkspaces.solving()) {
                INDArray z = c.regressors().mmul(tx).addiRowVector(tb);
                // a row of weight omega has noise std sigma / sqrt(omega)
                INDArray threshold = Transforms.sqrt(c.omega, true).rdivi(1.0f).mmul(marginRow);
                c.selected = z.gt(threshold).castTo(DataType.BYTE).muli(c.valid).detach();
            }
            if (previous != null && previous.closeable()) {
                previous.close();
            }
        }
    }

    private INDArray fit(Stage s, INDArray rinv, int pLive, double ridge, INDArray start) {
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
                : conjugateGradients(s, rinv, pLive, start, s.finalStage ? finalTolerance : FIRST_STAGE_TOLERANCE);
    }

    /** Per-unit Gram matrices over the selected rows {@code [p, p]} (exact mode), DOUBLE. */
    private List<INDArray> unitGrams(boolean finalStage, int chunkCount, boolean information) {
        List<INDArray> g = new ArrayList<>();
        for (int j = 0; j < nOut; j++) {
            g.add(Nd4j.zeros(DataType.DOUBLE, p, p));
        }
        for (Chunk c : chunks.subList(0, chunkCount)) {
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
        List<INDArray> grams = unitGrams(s.finalStage, s.chunkCount, false);
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
        INDArray at = apply(t, s).addi(ridgeTerm(t, s.lambda));
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
     * @param v {@code [p, nOut]} DOUBLE
     * @param s the stage (which masks, which chunks)
     * @return {@code [p, nOut]} DOUBLE
     */
    private INDArray apply(INDArray v, Stage s) {
        INDArray vx = v.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).castTo(DataType.FLOAT);
        INDArray vb = v.getRow(nIn, true).castTo(DataType.FLOAT);
        INDArray accX = Nd4j.zeros(DataType.FLOAT, nIn, nOut);
        INDArray accB = Nd4j.zeros(DataType.FLOAT, 1, nOut);
        for (Chunk c : chunks.subList(0, s.chunkCount)) {
            try (MemoryWorkspace ignored = ScratchWorkspaces.solving()) {
                INDArray xc = c.regressors();
                INDArray z = xc.mmul(vx).addiRowVector(vb);
                z.muli(c.mask(s.finalStage)).muliColumnVector(c.omega);
                accX.addi(xc.transpose().mmul(z));
                // column sums as a product (faster than ND4J's strided reduction along the rows)
                accB.addi(Nd4j.ones(DataType.FLOAT, 1, z.rows()).mmul(z));
            }
        }
        return Nd4j.vstack(accX, accB).castTo(DataType.DOUBLE);
    }

    private static INDArray columnDot(INDArray a, INDArray b) {
        return a.mul(b).sum(true, 0);
    }

    private INDArray conjugateGradients(Stage s, INDArray rinv, int pLive, INDArray start, double tolerance) {
        INDArray on = Nd4j.zeros(DataType.DOUBLE, 1, nOut);
        for (int j = 0; j < nOut; j++) {
            on.putScalar(0, j, solvable(s, j, pLive) ? 1.0 : 0.0);
        }
        // D_j^-1/2 per unknown and unit, 0 where the unit never sees the input (its weight stays 0)
        INDArray positive = s.diag.gt(0.0).castTo(DataType.DOUBLE);
        INDArray scale = Transforms.sqrt(s.diag.add(positive.rsub(1.0)), true).rdivi(1.0).muli(positive)
                .muliRowVector(on);
        java.util.function.UnaryOperator<INDArray> precondition = r -> rinv.mmul(r.mul(scale)).muli(scale);
        INDArray b = s.xty.mulRowVector(on);
        INDArray t = start == null ? precondition.apply(b) : start.mulRowVector(on);
        INDArray r = b.sub(apply(t, s).addi(ridgeTerm(t, s.lambda)));
        INDArray z = precondition.apply(r);
        INDArray dir = z.dup();
        double[] rz = columnDot(r, z).toDoubleVector();
        double[] rhs = columnDot(b, precondition.apply(b)).toDoubleVector();
        int it = 0;
        while (it < MAX_ITERATIONS && !converged(rz, rhs, tolerance)) {
            INDArray ad = apply(dir, s).addi(ridgeTerm(dir, s.lambda));
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

    /** @return the estimated relative error of a stage's solution (rescaled trace, see the class comment) */
    private double relativeError(Stage s, INDArray t, double[] residualVar, double[] rdiag, int pLive) {
        double[][] diag = s.diag.toDoubleMatrix();
        double var = 0;
        for (int j = 0; j < nOut; j++) {
            for (int i = 0; i < nIn && solvable(s, j, pLive); i++) {
                var += diag[i][j] > 0 ? residualVar[j] * rdiag[i] / diag[i][j] : 0;
            }
        }
        double norm = t.get(NDArrayIndex.interval(0, nIn), NDArrayIndex.all()).norm2Number().doubleValue();
        return norm > 0 ? Math.sqrt(var) / norm : 0;
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

    private LinearFit.Solution report(Stage s, INDArray rinv, int[] live, Set<Integer> excluded) {
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
        double[] rdiag = Nd4j.diag(rinv).toDoubleVector();
        double[][] diag = s.diag.toDoubleMatrix();
        double[] residualVar = residualVariance(s, w, pLive);
        double[] wishart = new double[nOut];
        double errorVar = 0;
        double[] rowVariance = new double[nIn];
        for (int j = 0; j < nOut; j++) {
            if (!solvable(s, j, pLive)) {
                continue;
            }
            double f = s.count[j] / rows;
            wishart[j] = s.count[j] > pLive + 1 ? (s.count[j] - f * (pLive + 1)) / (s.count[j] - pLive - 1) : 1.0;
            for (int i = 0; i < nIn; i++) {
                if (diag[i][j] > 0) {
                    double v = residualVar[j] * rdiag[i] / diag[i][j] * wishart[j];
                    rowVariance[i] += v;
                    errorVar += counted[i] ? v : 0;
                }
            }
        }
        double boundVar = !noiseSeen ? Double.NaN
                : exact ? exactBound(s, pLive, counted) : approximateBound(s, rdiag, counted, pLive, wishart);
        double[] activity = new double[nIn];
        for (int i = 0; i < nIn; i++) {
            activity[i] = rows > 0 ? activeRows[i] / rows : 0;
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
        List<INDArray> info = unitGrams(s.finalStage, s.chunkCount, true);
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

    /**
     * {@code sum_j sum_i (R^-1)_ii / (F_j)_ii} times the subset correction, with {@code (F_j)_ii = sum_n m_nj u_ni^2
     * / V_nj} from the rows where the true noise was supplied, scaled to all rows.
     */
    private double approximateBound(Stage s, double[] rdiag, boolean[] counted, int pLive, double[] wishart) {
        INDArray info = Nd4j.zeros(DataType.DOUBLE, p, nOut);
        long sampled = 0;
        long covered = 0;
        boolean[] infinite = new boolean[nOut];
        for (Chunk c : chunks.subList(0, s.chunkCount)) {
            if (c.variance == null) {
                continue;
            }
            int n = (int) c.variance.rows();
            int[] sample = new int[n];
            for (int i = 0; i < n; i++) {
                sample[i] = i * c.stride;
            }
            try (MemoryWorkspace ignored = ScratchWorkspaces.solving()) {
                INDArray us = Nd4j.hstack(c.regressors().getRows(sample), Nd4j.ones(DataType.FLOAT, n, 1))
                        .castTo(DataType.DOUBLE);
                INDArray m = c.mask(s.finalStage).getRows(sample).castTo(DataType.DOUBLE);
                INDArray zeroVariance = c.variance.eq(0.0).castTo(DataType.DOUBLE).muli(m);
                double[] zeros = zeroVariance.sum(0).toDoubleVector();
                for (int j = 0; j < nOut; j++) {
                    infinite[j] |= zeros[j] > 0;
                }
                INDArray weights = m.div(c.variance.add(m.rsub(1.0)).addi(zeroVariance));
                info.addi(us.mul(us).transpose().mmul(weights));
            }
            sampled += n;
            covered += c.x.rows();
        }
        if (sampled == 0) {
            return Double.NaN;
        }
        info.muli((double) covered / sampled);
        double[][] d = info.toDoubleMatrix();
        double total = 0;
        for (int j = 0; j < nOut; j++) {
            if (!solvable(s, j, pLive) || infinite[j]) {
                continue; // a noise-free counted row: infinite information, bound 0
            }
            for (int i = 0; i < nIn; i++) {
                if (counted[i] && d[i][j] > 0) {
                    total += rdiag[i] / d[i][j] * wishart[j];
                }
            }
        }
        return total;
    }
}
