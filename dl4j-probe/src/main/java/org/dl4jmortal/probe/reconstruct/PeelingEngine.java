package org.dl4jmortal.probe.reconstruct;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.NoiseModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer peeling by streaming least squares (DESIGN.md §4): drives the network input with probe rows, reads in the
 * same query every tap the layers need, and regresses each layer's output tap on its input tap. All layers are fitted
 * from the same queries, so a query pays for every layer at once.
 * <p>
 * <b>Errors in variables.</b> A deeper layer's regressors are the lower {@code .post} tap values of the same query:
 * the very values the layer received in that pass. With taps that add no read noise of their own (the spi's
 * {@code TappedModel} promises the values the network computed), the regressors are therefore exact and ordinary
 * least squares is unbiased: no averaging of repeats and no noise correction is needed, and none is applied. The noise
 * of the lower layer only makes the regressors random, which the bound conditions on.
 * <p>
 * <b>Heteroscedastic noise.</b> A deeper layer's rows differ widely in noise (abs-max noise management scales the
 * converter noise with the row's abs-max, read noise grows with the row's energy), so deeper {@code .pre} layers are
 * fitted by feasible weighted least squares with the row weights of {@link RowVarianceModel}, estimated from the
 * residuals of an ordinary fit on the first chunk.
 * <p>
 * <b>Fits.</b> A layer read through its {@code .pre} tap, or after an invertible activation that every unit shares
 * (identity, tanh, sigmoid, softmax), is one {@link LinearFit} on the rows where every unit is invertible; a ReLU
 * layer read after its activation is an {@link ActiveSetFit}, each unit on its own active rows. With repeated reads
 * ({@code repeats >= 2}) the shared fits also estimate the read noise from the spread of the repeats.
 * <p>
 * Memory: the temporaries of each chunk live in a scratch workspace ({@link ScratchWorkspaces}); only the normal
 * equations (and, for {@link ActiveSetFit}, the compacted rows) are kept.
 */
final class PeelingEngine {
    /** Fraction of rows above which saturated inversions abort the fit. */
    static final double SATURATED_FRACTION = 0.5;
    /** Row sampling stride of the true noise for wide layers (approximate bound). */
    static final int VARIANCE_STRIDE = 8;

    private final TappedModel model;
    private final List<LayerPlan> plans;
    private final int fromLayer;
    private final NoiseModel noise;
    private final double ridge;
    private final String note;

    PeelingEngine(TappedModel model, List<LayerPlan> plans, int fromLayer, NoiseModel noise, double ridge, String note) {
        this.model = model;
        this.plans = plans;
        this.fromLayer = fromLayer;
        this.noise = noise;
        this.ridge = ridge;
        this.note = note;
    }

    /** Per-layer state. */
    private static final class LayerState {
        final LayerPlan plan;
        final LayerFit fit;
        final double[] biasSum;
        final double[] biasCount;
        long invalidRows;
        long seenRows;
        double[] varianceModel;

        LayerState(LayerPlan plan) {
            this.plan = plan;
            boolean relu = "relu".equalsIgnoreCase(plan.activation());
            // a ReLU layer read after its activation: each unit on its own active rows
            this.fit = !plan.usesPre() && relu ? new ActiveSetFit(plan.nIn(), plan.nOut())
                    : new LinearFit(plan.nIn(), plan.nOut(), !plan.usesPre());
            this.biasSum = new double[plan.nOut()];
            this.biasCount = new double[plan.nOut()];
        }
    }

    /**
     * @param distinctRows number of distinct probe rows
     * @param repeats      reads of each probe row
     * @param chunk        distinct rows per query
     * @param inputs       (first distinct row, count) to probe rows {@code [count, inputSize]}
     * @param listener     checkpoint listener or null
     * @param queriesBefore queries spent before this engine (lower layers), for the report
     * @return the layers from {@code fromLayer} upward
     */
    List<LayerReconstruction> run(long distinctRows, int repeats, int chunk, BiFunction<Long, Integer, INDArray> inputs,
                                  CheckpointListener listener, long queriesBefore, List<LayerReconstruction> below) {
        List<LayerState> states = new ArrayList<>();
        Set<String> taps = new LinkedHashSet<>();
        for (LayerPlan p : plans.subList(fromLayer, plans.size())) {
            states.add(new LayerState(p));
            taps.addAll(p.tapsToRead());
        }
        long startQueries = model.ledger().queries();
        // the first intermediate solution once every layer is overdetermined (twice its unknowns per unit)
        long nextCheckpoint = 2L * unknownsPerUnit() * repeats;
        for (long first = 0; first < distinctRows; first += chunk) {
            int count = (int) Math.min(chunk, distinctRows - first);
            INDArray x;
            try (MemoryWorkspace ignored = ScratchWorkspaces.absorbing()) {
                // the design's temporaries stay in the scratch workspace; only the probe rows are kept
                INDArray distinct = inputs.apply(first, count);
                x = (repeats == 1 ? distinct : repeatRows(distinct, repeats)).detach();
            }
            QueryResult r = model.query(x, taps);
            try (MemoryWorkspace ignored = ScratchWorkspaces.absorbing()) {
                for (LayerState s : states) {
                    absorb(s, x, r, repeats);
                }
            }
            if (first == 0) {
                checkSaturation(states);
            }
            long spent = model.ledger().queries() - startQueries;
            if (listener != null && (spent >= nextCheckpoint || first + count >= distinctRows)) {
                listener.onCheckpoint(spent + queriesBefore, concat(below, solveAll(states, spent)));
                nextCheckpoint = Math.max(2 * spent, spent + 1);
            }
        }
        return solveAll(states, model.ledger().queries() - startQueries);
    }

    private static List<LayerReconstruction> concat(List<LayerReconstruction> a, List<LayerReconstruction> b) {
        List<LayerReconstruction> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private static INDArray repeatRows(INDArray distinct, int repeats) {
        int n = (int) distinct.rows();
        int[] idx = new int[n * repeats];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < repeats; k++) {
                idx[i * repeats + k] = i;
            }
        }
        return distinct.getRows(idx);
    }

    private void absorb(LayerState s, INDArray networkInput, QueryResult r, int repeats) {
        LayerPlan p = s.plan;
        INDArray x = p.inputTap() == null ? networkInput : r.tap(p.inputTap());
        INDArray post = p.postTap() != null ? r.tap(p.postTap()) : (p.last() ? r.output() : null);
        s.seenRows += x.rows();
        boolean activeSet = s.fit instanceof ActiveSetFit;
        if ((p.usesPre() || activeSet) && noise != null && s.fit.approximateBound()
                && x.rows() >= 8 * VARIANCE_STRIDE) {
            // wide layer, approximate bound: the true noise of a systematic row sample suffices
            int[] sample = new int[(int) ((x.rows() + VARIANCE_STRIDE - 1) / VARIANCE_STRIDE)];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = i * VARIANCE_STRIDE;
            }
            INDArray sampled = noise.preTapVariance(p.layerName(), x.getRows(sample));
            if (activeSet) {
                INDArray[] inv = ActivationInversion.invert(p.activation(), post);
                s.fit.add(x, inv[0], inv[1], sampled, null, VARIANCE_STRIDE);
                return;
            }
            INDArray pre = r.tap(p.preTap()).castTo(DataType.DOUBLE);
            INDArray omega = deeperWeights(s, x, pre);
            s.fit.add(x, pre, null, sampled, omega, VARIANCE_STRIDE);
            addRepeats(s, pre, null, repeats, omega);
            absorbBias(s, pre, post);
            return;
        }
        INDArray variance = noise == null ? null : noise.preTapVariance(p.layerName(), x);
        if (p.usesPre()) {
            INDArray pre = r.tap(p.preTap()).castTo(DataType.DOUBLE);
            INDArray omega = deeperWeights(s, x, pre);
            s.fit.add(x, pre, null, variance, omega, 1);
            addRepeats(s, pre, null, repeats, omega);
            absorbBias(s, pre, post);
        } else {
            INDArray[] inv = ActivationInversion.invert(p.activation(), post);
            if (variance != null && ActivationInversion.sharedOffset(p.activation())) {
                double m = p.nOut();
                INDArray total = variance.sum(true, 1).divi(m * m);
                variance = variance.mul(1 - 2 / m).addiColumnVector(total);
            }
            s.fit.add(x, inv[0], inv[1], variance, null, 1);
            addRepeats(s, inv[0], inv[1], repeats, null);
            if (!"relu".equalsIgnoreCase(p.activation())) {
                s.invalidRows += countInvalidRows(inv[1]);
            }
        }
    }

    /** Read noise from repeated reads (shared fits; a chunk with any invalid entry is left out of it). */
    private static void addRepeats(LayerState s, INDArray y, INDArray valid, int repeats, INDArray omega) {
        if (repeats < 2 || !(s.fit instanceof LinearFit linear)) {
            return;
        }
        if (valid != null && valid.minNumber().doubleValue() < 1) {
            return;
        }
        linear.addRepeats(y, repeats, omega);
    }

    private static INDArray deeperWeights(LayerState s, INDArray x, INDArray pre) {
        if (s.plan.inputTap() == null) {
            return null;
        }
        if (s.varianceModel == null) {
            s.varianceModel = RowVarianceModel.fit(x, pre);
        }
        return RowVarianceModel.weights(x, s.varianceModel);
    }

    private static void absorbBias(LayerState s, INDArray pre, INDArray post) {
        LayerPlan p = s.plan;
        if (post == null) {
            return;
        }
        INDArray[] inv = ActivationInversion.invert(p.activation(), post);
        INDArray preForBias = ActivationInversion.sharedOffset(p.activation())
                ? pre.subColumnVector(pre.mean(true, 1)) : pre;
        INDArray diff = inv[0].sub(preForBias).muli(inv[1]);
        double[] sums = diff.sum(0).toDoubleVector();
        double[] counts = inv[1].sum(0).toDoubleVector();
        for (int j = 0; j < sums.length; j++) {
            s.biasSum[j] += sums[j];
            s.biasCount[j] += counts[j];
        }
        s.invalidRows += countInvalidRows(inv[1]);
    }

    private static long countInvalidRows(INDArray valid) {
        return (long) valid.min(1).rsub(1.0).sumNumber().doubleValue();
    }

    private static void checkSaturation(List<LayerState> states) {
        for (LayerState s : states) {
            if (s.seenRows > 0 && s.invalidRows > SATURATED_FRACTION * s.seenRows
                    && !"relu".equalsIgnoreCase(s.plan.activation())) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "the %s activation of layer '%s' is saturated on %d of %d probes (%.0f%%), so it cannot be "
                                + "inverted there; use a smaller probe amplitude or step (for example half the present one)",
                        s.plan.activation(), s.plan.layerName(), s.invalidRows, s.seenRows,
                        100.0 * s.invalidRows / s.seenRows));
            }
        }
    }

    private List<LayerReconstruction> solveAll(List<LayerState> states, long queries) {
        List<LayerReconstruction> out = new ArrayList<>();
        List<LinearFit.Solution> sols = new ArrayList<>();
        for (int k = 0; k < states.size(); k++) {
            LayerState s = states.get(k);
            LinearFit.Solution sol = s.fit.solve(ridge);
            LayerPlan below = s.plan.index() > 0 ? plans.get(s.plan.index() - 1) : null;
            if (below != null && "relu".equalsIgnoreCase(below.activation())) {
                // lower ReLU units that are dead, rarely active or active only through noise: unidentifiable rows,
                // kept as nuisance parameters and reported dead (DESIGN.md §4)
                java.util.Set<Integer> excluded = new java.util.TreeSet<>(sol.weakInputs());
                if (k > 0) {
                    for (int u : sols.get(k - 1).deadUnits()) {
                        excluded.add(u);
                    }
                }
                if (!excluded.isEmpty()) {
                    sol = s.fit.solve(ridge, excluded);
                }
            }
            sols.add(sol);
        }
        for (int k = 0; k < states.size(); k++) {
            LayerState s = states.get(k);
            LinearFit.Solution sol = sols.get(k);
            LayerPlan p = s.plan;
            INDArray w = sol.weights().castTo(DataType.FLOAT);
            INDArray b = sol.bias().castTo(DataType.FLOAT);
            Set<Integer> dead = new java.util.TreeSet<>();
            for (int u : sol.deadUnits()) {
                dead.add(u);
            }
            if (k + 1 < sols.size() && "relu".equalsIgnoreCase(p.activation())) {
                // units of this layer that never (or only through noise) reach the next layer's fit
                for (int u : sols.get(k + 1).deadInputs()) {
                    dead.add(u);
                }
            }
            if (p.usesPre()) {
                for (int j = 0; j < p.nOut(); j++) {
                    b.putScalar(0, j, s.biasCount[j] > 0 ? s.biasSum[j] / s.biasCount[j] : 0.0);
                }
                if (!p.hasBias()) {
                    b.assign(0);
                }
            }
            if ("relu".equalsIgnoreCase(p.activation())) {
                for (int u : dead) {
                    w.getColumn(u).assign(0);
                    b.putScalar(0, u, -1.0);
                }
            }
            double norm = w.norm2Number().doubleValue();
            double est = norm > 0 ? Math.sqrt(sol.errorVariance()) / norm : Double.NaN;
            double bound = Double.isNaN(sol.boundVariance()) || norm == 0 ? Double.NaN : Math.sqrt(sol.boundVariance()) / norm;
            String how = (p.usesPre() ? "regressed " + p.preTap() : "regressed inverted " + p.activation() + " of "
                    + (p.postTap() == null ? "the network output" : p.postTap()))
                    + " on " + (p.inputTap() == null ? "the probe input" : p.inputTap() + " of the same query")
                    + "; " + note + (ridge > 0 ? "; ridge " + ridge + " (biased)" : "")
                    + (s.fit instanceof ActiveSetFit a ? "; " + a.describe() : "")
                    + (ActivationInversion.sharedOffset(p.activation()) && !p.usesPre()
                    ? "; softmax outputs only: weights and bias centred per input (zero-mean rows)" : "");
            out.add(new LayerReconstruction(p.layerName(), p.activation(), w, b,
                    !p.usesPre() && ActivationInversion.sharedOffset(p.activation()),
                    dead.stream().mapToInt(Integer::intValue).toArray(), queries, est, bound, ridge > 0, how));
        }
        return out;
    }

    /** @return the minimum rows for the layers of this engine: the largest number of unknowns per unit */
    int unknownsPerUnit() {
        int m = 0;
        for (LayerPlan p : plans.subList(fromLayer, plans.size())) {
            m = Math.max(m, p.nIn() + (p.usesPre() ? 0 : 1));
        }
        return m;
    }

}
