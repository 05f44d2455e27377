package org.dl4jmortal.probe.reconstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.NoiseModel;
import org.dl4jmortal.spi.reconstruct.Reconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest.Differences;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code finite-difference}: the first layer by finite differences at operating points {@code x0} (DESIGN.md §4,
 * Tramèr et al. 2016): column {@code i} of the Jacobian is {@code (z(x0 + h e_i) - z(x0)) / h} (forward, {@code nIn + 1}
 * probes per operating point) or {@code (z(x0 + h e_i) - z(x0 - h e_i)) / 2h} (central, {@code 2 nIn}), where {@code z}
 * is the {@code .pre} tap, or the {@code .post} tap with the activation inverted (exactly linear in {@code x}, so no
 * truncation error; an entry counts only where both probes are invertible, e.g. the ReLU unit is active at both).
 * Deeper layers are peeled by least squares on the lower {@code .post} tap ({@link PeelingEngine}), since they cannot
 * be driven directly.
 * <p>
 * <b>Operating points and step.</b> With a {@code .pre} tap, {@code x0 = 0} (one point). Otherwise the first point is 0
 * and, for ReLU, further points are dense Rademacher rows of the probe amplitude (4 points), so that every unit is
 * active somewhere. The step {@code h} (request's step, else the probe amplitude): under abs-max noise management
 * both the signal and the converter noise scale with the row's abs-max, so the signal-to-noise ratio does not depend
 * on {@code h}; the ADC step (a fixed fraction of the noise-managed range) therefore sets no lower bound on {@code h};
 * only saturation of the activation does, which is reported with a suggestion of a smaller step. Repeats (default 1)
 * are averaged per probe and give the read-noise estimate.
 */
public final class FiniteDifferenceReconstructor implements CheckpointedReconstructor {
    /** Registered name. */
    public static final String NAME = "finite-difference";
    private static final int RELU_POINTS = 4;

    /** Public no-argument constructor for the plugin registry. */
    public FiniteDifferenceReconstructor() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "finite differences on the first layer, layer peeling above (DESIGN.md §4; Tramer et al. 2016)";
    }

    @Override
    public Reconstruction reconstruct(TappedModel model, ReconstructionRequest request, CheckpointListener listener) {
        long start = System.nanoTime();
        long q0 = model.ledger().queries();
        List<LayerPlan> plans = LayerPlan.plan(model);
        LayerPlan first = plans.get(0);
        int n = first.nIn();
        int repeats = Math.max(1, request.repeats());
        boolean central = request.differences() == Differences.CENTRAL;
        int points = first.usesPre() || !"relu".equalsIgnoreCase(first.activation()) ? 1 : RELU_POINTS;
        long perPoint = (central ? 2L * n : n + 1L) * repeats;
        long firstLayerQueries = perPoint * points;
        PeelingEngine upper = plans.size() > 1
                ? new PeelingEngine(model, plans, 1, request.noiseModel().orElse(null), request.ridge(),
                "driven by Rademacher network inputs") : null;
        long upperNeeded = upper == null ? 0 : 2L * upper.unknownsPerUnit();
        long budget = request.budget() > 0 ? request.budget() : firstLayerQueries + 2 * upperNeeded;
        if (budget < firstLayerQueries + upperNeeded) {
            throw new IllegalArgumentException("budget of " + budget + " queries is too small: finite differences on layer '"
                    + first.layerName() + "' need " + firstLayerQueries + " queries (" + (central ? "2 nIn" : "nIn + 1")
                    + " x " + points + " operating point(s) x " + repeats + " repeat(s))"
                    + (upper == null ? "" : " and peeling the layers above needs at least " + upperNeeded
                    + " more, so at least " + (firstLayerQueries + upperNeeded) + " queries are needed"));
        }
        double h = request.step() > 0 ? request.step() : request.amplitude();
        List<LayerReconstruction> layers = new ArrayList<>();
        layers.add(firstLayer(model, first, request, h, central, points, repeats));
        if (upper != null) {
            long remaining = budget - (model.ledger().queries() - q0);
            double density = LeastSquaresReconstructor.density(model, request);
            layers.addAll(upper.run(remaining, 1, LeastSquaresReconstructor.chunk(model.inputSize(), 1),
                    (f, c) -> ProbeDesigns.rows(request.design(), request.seed(), f, c, model.inputSize(),
                            request.amplitude(), density), listener, model.ledger().queries() - q0, layers));
        } else if (listener != null) {
            listener.onCheckpoint(model.ledger().queries() - q0, layers);
        }
        return new Reconstruction(NAME, layers, model.ledger().queries() - q0, (System.nanoTime() - start) * 1e-9);
    }

    private LayerReconstruction firstLayer(TappedModel model, LayerPlan p, ReconstructionRequest request, double h,
                                           boolean central, int points, int repeats) {
        int n = p.nIn();
        int m = p.nOut();
        long q0 = model.ledger().queries();
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, n, m);
        INDArray count = Nd4j.zeros(DataType.DOUBLE, n, m);
        INDArray varSum = Nd4j.zeros(DataType.DOUBLE, n, m);
        INDArray boundSum = Nd4j.zeros(DataType.DOUBLE, n, m);
        double[] biasSum = new double[m];
        double[] biasCount = new double[m];
        long invalid = 0;
        long seen = 0;
        NoiseModel noise = request.noiseModel().orElse(null);
        List<String> taps = p.tapsToRead();
        for (int k = 0; k < points; k++) {
            INDArray x0 = k == 0 ? Nd4j.zeros(DataType.FLOAT, 1, n)
                    : ProbeDesigns.rows(ReconstructionRequest.Design.RADEMACHER, KeyedRandom.key(request.seed(), "fd"), k,
                    1, n, request.amplitude(), 1.0);
            INDArray eye = Nd4j.eye(n).castTo(DataType.FLOAT).muli(h);
            INDArray plus = eye.addRowVector(x0);
            INDArray distinct = central ? Nd4j.vstack(plus, eye.rsub(0).addiRowVector(x0)) : Nd4j.vstack(x0, plus);
            int rows = (int) distinct.rows();
            INDArray zMean = Nd4j.zeros(DataType.DOUBLE, rows, m);
            INDArray zSq = Nd4j.zeros(DataType.DOUBLE, rows, m);
            INDArray valid = Nd4j.ones(DataType.DOUBLE, rows, m);
            for (int r = 0; r < repeats; r++) {
                QueryResult res = model.query(distinct, taps);
                INDArray post = p.postTap() != null ? res.tap(p.postTap()) : (p.last() ? res.output() : null);
                INDArray z;
                if (p.usesPre()) {
                    z = res.tap(p.preTap()).castTo(DataType.DOUBLE);
                    if (post != null) {
                        INDArray[] inv = ActivationInversion.invert(p.activation(), post);
                        INDArray pre = ActivationInversion.sharedOffset(p.activation()) ? z.subColumnVector(z.mean(true, 1)) : z;
                        INDArray d = inv[0].sub(pre).muli(inv[1]);
                        double[] s = d.sum(0).toDoubleVector();
                        double[] c = inv[1].sum(0).toDoubleVector();
                        for (int j = 0; j < m; j++) {
                            biasSum[j] += s[j];
                            biasCount[j] += c[j];
                        }
                    }
                } else {
                    INDArray[] inv = ActivationInversion.invert(p.activation(), post);
                    z = inv[0];
                    valid.muli(inv[1]);
                    if (!"relu".equalsIgnoreCase(p.activation())) {
                        invalid += (long) inv[1].min(1).rsub(1.0).sumNumber().doubleValue();
                    }
                }
                seen += rows;
                zMean.addi(z);
                zSq.addi(z.mul(z));
            }
            if (invalid > PeelingEngine.SATURATED_FRACTION * seen) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the %s activation of layer '%s' is saturated on %d of %d finite-difference probes; "
                                + "use a smaller step than h = %g (for example h = %g)",
                        p.activation(), p.layerName(), invalid, seen, h, h / 4));
            }
            zMean.divi(repeats);
            INDArray zVar = repeats > 1 ? zSq.divi(repeats).subi(zMean.mul(zMean)).muli(repeats / (repeats - 1.0))
                    .divi(repeats) : null;
            INDArray hi = central ? zMean.getRows(range(0, n)) : zMean.getRows(range(1, n + 1));
            INDArray lo = central ? zMean.getRows(range(n, 2 * n)) : Nd4j.repeat(zMean.getRow(0, true), n).reshape(n, m);
            INDArray vHi = central ? valid.getRows(range(0, n)) : valid.getRows(range(1, n + 1));
            INDArray vLo = central ? valid.getRows(range(n, 2 * n)) : Nd4j.repeat(valid.getRow(0, true), n).reshape(n, m);
            INDArray mask = vHi.mul(vLo);
            double denom = central ? 2 * h : h;
            sum.addi(hi.sub(lo).divi(denom).muli(mask));
            count.addi(mask);
            if (zVar != null) {
                INDArray a = central ? zVar.getRows(range(0, n)) : zVar.getRows(range(1, n + 1));
                INDArray b = central ? zVar.getRows(range(n, 2 * n)) : Nd4j.repeat(zVar.getRow(0, true), n).reshape(n, m);
                varSum.addi(a.add(b).divi(denom * denom).muli(mask));
            }
            if (noise != null) {
                INDArray v = noise.preTapVariance(p.layerName(), distinct).castTo(DataType.DOUBLE).divi(repeats);
                INDArray a = central ? v.getRows(range(0, n)) : v.getRows(range(1, n + 1));
                INDArray b = central ? v.getRows(range(n, 2 * n)) : Nd4j.repeat(v.getRow(0, true), n).reshape(n, m);
                boundSum.addi(a.add(b).divi(denom * denom).muli(mask));
            }
        }
        INDArray safe = count.dup();
        safe.addi(count.eq(0.0).castTo(DataType.DOUBLE));
        INDArray w = sum.div(safe);
        INDArray b = Nd4j.zeros(DataType.DOUBLE, 1, m);
        double[] unitCounts = count.sum(0).toDoubleVector();
        List<Integer> dead = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (unitCounts[j] == 0) {
                dead.add(j);
            }
            if (p.usesPre()) {
                b.putScalar(0, j, p.hasBias() && biasCount[j] > 0 ? biasSum[j] / biasCount[j] : 0.0);
            }
        }
        if (!p.usesPre()) {
            // bias from the operating points: z(x0) - x0 W, averaged where valid; at x0 = 0 it is z(0)
            QueryResult res = model.query(Nd4j.zeros(DataType.FLOAT, 1, n), p.tapsToRead());
            INDArray post = p.postTap() != null ? res.tap(p.postTap()) : res.output();
            INDArray[] inv = ActivationInversion.invert(p.activation(), post);
            b = inv[0].mul(inv[1]);
        }
        // entries of a variance sum: mean over contributing operating points, divided by their number
        INDArray countSq = safe.mul(safe);
        double estVar = varSum.div(countSq).sumNumber().doubleValue();
        double boundVar = boundSum.div(countSq).sumNumber().doubleValue();
        INDArray wf = w.castTo(DataType.FLOAT);
        INDArray bf = b.castTo(DataType.FLOAT);
        if ("relu".equalsIgnoreCase(p.activation())) {
            for (int u : dead) {
                wf.getColumn(u).assign(0);
                bf.putScalar(0, u, -1.0);
            }
        }
        double norm = wf.norm2Number().doubleValue();
        return new LayerReconstruction(p.layerName(), p.activation(), wf, bf,
                !p.usesPre() && ActivationInversion.sharedOffset(p.activation()),
                dead.stream().mapToInt(Integer::intValue).toArray(), model.ledger().queries() - q0,
                repeats > 1 && norm > 0 ? Math.sqrt(estVar) / norm : Double.NaN,
                noise == null || norm == 0 ? Double.NaN : Math.sqrt(boundVar) / norm, false,
                (central ? "central" : "forward") + " differences of " + (p.usesPre() ? p.preTap()
                        : "inverted " + p.activation() + " " + (p.postTap() == null ? "output" : p.postTap()))
                        + ", h = " + h + ", " + points + " operating point(s), " + repeats + " repeat(s)");
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
