package org.dl4jmortal.probe.reconstruct;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Tramèr et al. 2016): column {@code i} of the Jacobian is {@code (z(x0 + h e_i) - z(x0)) / h} (forward,
 * {@code nIn + 1} probes per operating point and read) or {@code (z(x0 + h e_i) - z(x0 - h e_i)) / 2h} (central,
 * {@code 2 nIn}), where {@code z} is the {@code .pre} tap, or the {@code .post} tap with the activation inverted
 * (exactly linear in {@code x}, so no truncation error; an entry counts only where both probes are invertible, e.g.
 * the ReLU unit is active at both). Deeper layers are peeled by least squares on the lower {@code .post} tap
 * ({@link PeelingEngine}), since they cannot be driven directly.
 * <p>
 * <b>Operating points.</b> With a {@code .pre} tap, and for identity, tanh and sigmoid, {@code x0 = 0} (one point).
 * For ReLU read after its activation an entry {@code W_ij} is seen only at a point where unit {@code j} is active at
 * both probes, so the points are chosen adaptively until every unit that any probe has activated has every entry
 * seen: first {@value #SCREEN_ROWS} screening rows (Rademacher, the probe amplitude)
 * show which units can be activated and give each a first direction (the cross-correlation of the rows with the
 * unit's output, which is proportional to its weights for symmetric inputs: Bussgang 1952); then each point is
 * {@code x0 = A sign(sum_j w_j / ||w_j||)} over the units not yet fully seen (on the largest entries; {@code w_j}
 * the differences seen so far, else the screening direction), so that they are active with a margin much larger
 * than any one step; a unit that resists two such points is driven at the probe where it was most active. Forward
 * steps there go toward 0 ({@code x0_i -+ h}), so every probe stays within the probe amplitude. A unit that no probe
 * activates is dead (weights 0, bias -1: it stays dead). If the budget or {@value #MAX_RELU_POINTS} points do not
 * suffice to see every entry of every activated unit, the request is refused (suggesting a larger budget or
 * {@code least-squares}) rather than returning unseen entries as zeros. The bias of such a layer is the mean of
 * {@code z - x W} over every probe where the unit is active.
 * <p>
 * <b>Step.</b> The request's step, else the probe amplitude. Under abs-max noise management the signal and the
 * converter noise both scale with the row's abs-max, so at {@code x0 = 0} the signal-to-noise ratio does not depend on
 * {@code h}; the largest step that keeps the activation invertible is best. When the step is automatic and most
 * probes saturate the activation, the step is halved (at most {@value #MAX_STEP_HALVINGS} times); a step given by
 * the caller that saturates most probes is refused with a suggestion.
 * <p>
 * <b>Repeats and read noise.</b> Every read gives one estimate of the Jacobian; the reads are averaged and their
 * spread estimates the read noise (the variance of one read's estimate, {@code s^2}), which gives the estimated error
 * {@code sqrt(sum s^2 / R) / ||W||}. The number of reads {@code R}: the request's repeats; else, with a target error,
 * {@value #PILOT_READS} pilot reads estimate {@code s^2}, {@code R = ceil(sum s^2 / (target^2 ||W||^2))}, and the
 * estimate is renewed from all reads as they come (each round at most doubling them) until it says the target is
 * met (refused when the budget cannot pay for it, saying what error it allows); else, with a budget, up to half of
 * what the layers above leave, stopping after the pilot reads if they show no noise; else 1.
 * <p>
 * <b>Dither</b> (request option, default on). A converter rounds a noise-free read to the same level every time, so
 * repeats alone cannot get below its step. Repeat {@code r >= 1} therefore adds a known offset {@code d_r} to the
 * probe rows: {@value #DITHER_COORDINATES} random inputs set to {@code +-delta}, {@code delta = c h / 63} ({@code c}
 * whole, so that every value stays an exact level of a 7-bit DAC under abs-max noise management), with
 * {@code delta} chosen so that the output offset {@code W^T d_r} has a standard deviation of one ADC step (the tap's
 * step is estimated as the smallest gap between the first read's tap levels, and {@code W} from that read). The
 * offset cancels in the differences exactly: forward differences compare {@code x0 + d_r} with
 * {@code x0 + d_r + (h - d_ri) e_i} and divide by {@code h - d_ri}; central differences drop {@code d_ri}. The
 * rounding error then changes from read to read and averages out (subtractive dither; Widrow &amp; Kollár,
 * Quantization Noise, 2008, ch. 19). Dither is used at {@code x0 = 0} only.
 * <p>
 * <b>Bound.</b> With a noise model, each read's true variance at its probes gives the Cramér–Rao bound of the
 * averaged estimate ({@code (var(z+) + var(z-)) / (R denominator^2)} per entry).
 */
public final class FiniteDifferenceReconstructor implements CheckpointedReconstructor {
    /** Registered name. */
    public static final String NAME = "finite-difference";
    /** Most operating points for a ReLU layer read after its activation. */
    static final int MAX_RELU_POINTS = 16;
    /** Screening rows sent before choosing the operating points of a ReLU layer read after its activation. */
    static final int SCREEN_ROWS = 256;
    /** Most halvings of an automatic step that saturates most probes. */
    static final int MAX_STEP_HALVINGS = 6;
    /** Reads used to estimate the read noise before choosing the number of reads. */
    static final int PILOT_READS = 2;
    /** Inputs that carry the dither offset. */
    static final int DITHER_COORDINATES = 32;
    /** Relative spread of one read's estimate below which the reads count as noise-free (float rounding). */
    static final double NOISE_FREE = 1e-6;
    /** Levels of a 7-bit DAC on each side of 0 ({@code 2^7 - 2} steps over {@code [-1, 1]}). */
    static final int DAC_LEVELS = 63;

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
        boolean central = request.differences() == Differences.CENTRAL;
        boolean adaptive = adaptive(first);
        long perPoint = central ? 2L * n : n + 1L;
        boolean target = !Double.isNaN(request.targetError());
        // the reads every point gets before the noise is known: as FirstLayer#run plans them
        int minReads = request.repeats() > 0 ? request.repeats() : target || request.budget() > 0 ? PILOT_READS : 1;
        long screen = adaptive ? SCREEN_ROWS : 0;
        long firstLayerMin = perPoint * minReads + screen;
        PeelingEngine upper = plans.size() > 1
                ? new PeelingEngine(model, plans, 1, request.noiseModel().orElse(null), request.ridge(),
                "driven by Rademacher network inputs") : null;
        long upperNeeded = upper == null ? 0 : 2L * upper.unknownsPerUnit();
        long budget = request.budget() > 0 ? request.budget() : target ? 0 : firstLayerMin + 2 * upperNeeded;
        if (budget > 0 && budget < firstLayerMin + upperNeeded) {
            throw new IllegalArgumentException("budget of " + budget + " " + queries(budget) + " is too small: finite "
                    + "differences on layer '" + first.layerName() + "' need " + (adaptive ? "at least " : "")
                    + firstLayerMin + " queries (" + (central ? "2 nIn" : "(nIn + 1)") + " x "
                    + (adaptive ? "at least 1 operating point" : "1 operating point") + " x " + minReads + " read(s)"
                    + (adaptive ? " + " + screen + " screening rows" : "") + ")"
                    + (upper == null ? "" : " and peeling the layers above needs at least " + upperNeeded
                    + " more, so at least " + (firstLayerMin + upperNeeded) + " queries are needed"));
        }
        List<LayerReconstruction> layers = new ArrayList<>();
        long firstBudget = request.budget() > 0 ? request.budget() - upperNeeded : 0;
        layers.add(new FirstLayer(model, first, request, central, adaptive, firstBudget, upperNeeded, target).run());
        if (upper != null) {
            long spent = model.ledger().queries() - q0;
            long rows;
            if (target) {
                rows = LeastSquaresReconstructor.rowsForTarget(model, request, upper,
                        request.budget() > 0 ? request.budget() - spent : 0, 1);
            } else if (request.budget() > 0) {
                rows = request.budget() - spent;
                if (rows < upperNeeded) {
                    throw new IllegalArgumentException("budget of " + request.budget() + " queries is too small: the "
                            + "first layer took " + spent + " queries and peeling the layers above needs at least "
                            + upperNeeded + " more, so at least " + (spent + upperNeeded) + " queries are needed");
                }
            } else {
                rows = 2 * upperNeeded;
            }
            double density = LeastSquaresReconstructor.density(model, request);
            layers.addAll(upper.run(rows, 1, LeastSquaresReconstructor.chunk(model.inputSize(), 1, rows),
                    (f, c) -> ProbeDesigns.rows(request.design(), request.seed(), f, c, model.inputSize(),
                            request.amplitude(), density), listener, model.ledger().queries() - q0, layers));
        } else if (listener != null) {
            listener.onCheckpoint(model.ledger().queries() - q0, layers);
        }
        return new Reconstruction(NAME, layers, model.ledger().queries() - q0, (System.nanoTime() - start) * 1e-9);
    }

    /**
     * @param first the first layer's plan
     * @return true if its operating points are chosen adaptively (a ReLU read after its activation)
     */
    static boolean adaptive(LayerPlan first) {
        return !first.usesPre() && "relu".equalsIgnoreCase(first.activation());
    }

    /**
     * @param q a number of queries
     * @return "query" for 1, else "queries"
     */
    static String queries(long q) {
        return q == 1 ? "query" : "queries";
    }

    /** The first layer's reads, accumulated over operating points and repeats. */
    private static final class FirstLayer {
        final TappedModel model;
        final LayerPlan p;
        final ReconstructionRequest request;
        final boolean central;
        final boolean adaptive;
        final long budget;
        final long upperReserve;
        final boolean target;
        final int n;
        final int m;
        final NoiseModel noise;
        final INDArray sum;
        final INDArray sumSq;
        final INDArray count;
        final INDArray boundSum;
        final double[] biasSum;
        final double[] biasCount;
        final List<INDArray[]> baseReads = new ArrayList<>();
        /** The operating points {@code [1, n]} each, in the order they are read. */
        final List<INDArray> points = new ArrayList<>();
        /** Adaptive points: per unit, whether any probe activated it, its largest activation and that probe. */
        final boolean[] everActive;
        final double[] bestActivation;
        final INDArray[] bestRow;
        /** Adaptive points: per unit, the screening direction {@code X^T y_j} {@code [n, m]}, and points aimed at it. */
        INDArray screenDirection;
        final int[] attempts;
        /** Adaptive points: sums over active probes for the bias, {@code sum y}, {@code sum 1} and {@code X^T V}. */
        final double[] activeSum;
        final double[] activeCount;
        final INDArray activeInputs;
        double h;
        int halvings;
        int reads;
        double ditherLevels;

        FirstLayer(TappedModel model, LayerPlan p, ReconstructionRequest request, boolean central, boolean adaptive,
                   long budget, long upperReserve, boolean target) {
            this.model = model;
            this.p = p;
            this.request = request;
            this.central = central;
            this.adaptive = adaptive;
            this.budget = budget;
            this.upperReserve = upperReserve;
            this.target = target;
            this.n = p.nIn();
            this.m = p.nOut();
            this.noise = request.noiseModel().orElse(null);
            this.sum = Nd4j.zeros(DataType.DOUBLE, n, m);
            this.sumSq = Nd4j.zeros(DataType.DOUBLE, n, m);
            this.count = Nd4j.zeros(DataType.DOUBLE, n, m);
            this.boundSum = Nd4j.zeros(DataType.DOUBLE, n, m);
            this.biasSum = new double[m];
            this.biasCount = new double[m];
            this.everActive = new boolean[m];
            this.bestActivation = new double[m];
            this.bestRow = new INDArray[m];
            this.attempts = new int[m];
            this.activeSum = new double[m];
            this.activeCount = new double[m];
            this.activeInputs = adaptive ? Nd4j.zeros(DataType.DOUBLE, n, m) : null;
            this.h = request.step() > 0 ? request.step() : request.amplitude();
        }

        LayerReconstruction run() {
            long q0 = model.ledger().queries();
            int fixed = request.repeats();
            int planned = fixed > 0 ? fixed : (target || budget > 0) ? PILOT_READS : 1;
            if (adaptive) {
                choosePoints(planned);
                reads++;
            } else {
                points.add(Nd4j.zeros(DataType.FLOAT, 1, n));
                readAllPoints(0);
            }
            long perRead = (central ? 2L * n : n + 1L) * points.size();
            for (int r = 1; r < planned; r++) {
                readAllPoints(r);
            }
            if (fixed == 0 && target) {
                // sequential: the read noise is re-estimated from all reads so far, at most doubling them each round
                for (int wanted = readsForTarget(perRead); wanted > reads; wanted = readsForTarget(perRead)) {
                    int next = (int) Math.min(wanted, 2L * reads);
                    for (int r = reads; r < next; r++) {
                        readAllPoints(r);
                    }
                }
            } else if (fixed == 0 && budget > 0) {
                int wanted = readsForBudget(perRead);
                for (int r = planned; r < wanted; r++) {
                    readAllPoints(r);
                }
            }
            return result(model.ledger().queries() - q0);
        }

        /** Reads every operating point once more (read {@code r}; dithered from the second read at {@code x0 = 0}). */
        void readAllPoints(int r) {
            for (int k = 0; k < points.size(); k++) {
                readPoint(k, r);
            }
            reads++;
        }

        /**
         * Screens, then adds operating points (each read once) until every unit that any probe activated has every
         * entry seen at both probes of some point; refuses if the budget or {@value #MAX_RELU_POINTS} points end first.
         *
         * @param planned the reads every point will get (the budget must pay for all of them)
         */
        private void choosePoints(int planned) {
            long perPoint = (central ? 2L * n : n + 1L) * planned;
            long q0 = model.ledger().queries();
            screen();
            long left = budget > 0 ? budget - (model.ledger().queries() - q0) : Long.MAX_VALUE;
            long affordable = Math.min(MAX_RELU_POINTS, left / perPoint);
            int[] unseen = unseenUnits();
            while (unseen.length > 0 && points.size() < affordable) {
                points.add(nextPoint(unseen));
                readPoint(points.size() - 1, 0);
                unseen = unseenUnits();
            }
            if (unseen.length > 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "finite differences on the ReLU tap %s of layer '%s': %d unit(s) that some probe activates "
                                + "were still inactive at one of the two probes of some input after %d operating "
                                + "point(s) and %d queries%s, so their weights cannot all be determined; %s, or use "
                                + "--method least-squares (it uses every probe where a unit is active)",
                        p.postTap() == null ? "output" : p.postTap(), p.layerName(), unseen.length, points.size(),
                        model.ledger().queries() - q0,
                        budget > 0 ? " (the budget left for this layer pays for " + affordable + " point(s) of "
                                + perPoint + " queries)" : "",
                        budget > 0 && affordable < MAX_RELU_POINTS ? "raise the budget by at least " + perPoint
                                + " queries per further point" : "a larger probe amplitude (--amplitude) may help"));
            }
        }

        /** Screening rows: which units can be activated, their first directions and their most active probes. */
        private void screen() {
            int rows = SCREEN_ROWS;
            INDArray x = ProbeDesigns.rows(ReconstructionRequest.Design.RADEMACHER,
                    KeyedRandom.key(request.seed(), "fd-screen"), 0, rows, n, request.amplitude(),
                    ProbeDesigns.defaultDensity(n));
            Read read = read(x);
            track(x, read);
            INDArray y = read.z.mul(read.valid);
            screenDirection = x.castTo(DataType.DOUBLE).transpose().mmul(y);
        }

        /** Units activated by some probe but with an entry not yet seen at both probes of a point. */
        private int[] unseenUnits() {
            double[] unseenEntries = count.eq(0.0).castTo(DataType.DOUBLE).sum(0).toDoubleVector();
            return java.util.stream.IntStream.range(0, m).filter(j -> everActive[j] && unseenEntries[j] > 0).toArray();
        }

        /**
         * The next operating point for the unseen units: {@code A sign(sum_j w_j / ||w_j||)} on the largest
         * {@code density * n} entries (0 elsewhere), with {@code w_j} the differences seen so far (else the
         * screening direction); a unit aimed at twice without being seen gets the probe where it was most active.
         */
        private INDArray nextPoint(int[] unseen) {
            double[] seen = count.sum(0).toDoubleVector();
            for (int j : unseen) {
                if (attempts[j] >= 2 && seen[j] == 0 && bestRow[j] != null) {
                    attempts[j]++;
                    return bestRow[j].dup();
                }
            }
            INDArray mean = sum.div(count.add(count.eq(0.0).castTo(DataType.DOUBLE)));
            INDArray direction = Nd4j.zeros(DataType.DOUBLE, n, 1);
            for (int j : unseen) {
                INDArray w = seen[j] > 0 ? mean.getColumn(j, true) : screenDirection.getColumn(j, true);
                double norm = w.norm2Number().doubleValue();
                if (norm > 0) {
                    direction.addi(w.reshape(n, 1).div(norm));
                }
                attempts[j]++;
            }
            double[] dir = direction.toDoubleVector();
            int keep = (int) Math.max(1, Math.round(ProbeDesigns.defaultDensity(n) * n));
            Integer[] order = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted((i1, i2) -> Double.compare(Math.abs(dir[i2]), Math.abs(dir[i1]))).toArray(Integer[]::new);
            INDArray x0 = Nd4j.zeros(DataType.FLOAT, 1, n);
            for (int c = 0; c < keep; c++) {
                int i = order[c];
                x0.putScalar(0, i, dir[i] < 0 ? -request.amplitude() : request.amplitude());
            }
            return x0;
        }

        /**
         * Records which units a read activated, their largest activation and the probe row behind it, and adds the
         * active probes to the bias sums.
         */
        private void track(INDArray rows, Read read) {
            if (!adaptive) {
                return;
            }
            INDArray active = read.z.mul(read.valid);
            double[] s = active.sum(0).toDoubleVector();
            double[] c = read.valid.sum(0).toDoubleVector();
            for (int j = 0; j < m; j++) {
                activeSum[j] += s[j];
                activeCount[j] += c[j];
            }
            activeInputs.addi(rows.castTo(DataType.DOUBLE).transpose().mmul(read.valid));
            INDArray argMax = active.argMax(0);
            double[] max = active.max(0).toDoubleVector();
            for (int j = 0; j < m; j++) {
                if (max[j] > 0) {
                    everActive[j] = true;
                    if (max[j] > bestActivation[j]) {
                        bestActivation[j] = max[j];
                        bestRow[j] = rows.getRow(argMax.getLong(j), true).castTo(DataType.FLOAT).dup();
                    }
                }
            }
        }

        /** @return the dither offset of read {@code r} at point {@code k} {@code [1, n]}, zeros if none */
        private INDArray dither(int k, int r) {
            INDArray d = Nd4j.zeros(DataType.FLOAT, 1, n);
            if (adaptive || k != 0 || r == 0 || !request.dither() || ditherLevels <= 0 || n < 2) {
                return d;
            }
            double delta = ditherLevels * h / DAC_LEVELS;
            INDArray u = KeyedRandom.uniform(KeyedRandom.key(request.seed(), "dither", r), DataType.DOUBLE, 2, n);
            int[] order = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted(java.util.Comparator.comparingDouble(i -> u.getDouble(0, i))).mapToInt(Integer::intValue)
                    .toArray();
            for (int c = 0; c < Math.min(DITHER_COORDINATES, n - 1); c++) {
                d.putScalar(0, order[c], u.getDouble(1, order[c]) < 0.5 ? -delta : delta);
            }
            return d;
        }

        private void readPoint(int k, int r) {
            while (true) {
                INDArray x0 = points.get(k);
                INDArray d = dither(k, r);
                INDArray base = x0.add(d);
                INDArray dCol = d.reshape(n, 1);
                // forward steps go toward 0 where x0_i > 0, so that a probe stays within the probe amplitude
                double[] steps = new double[n];
                for (int i = 0; i < n; i++) {
                    steps[i] = !central && x0.getDouble(0, i) > 0 ? -h : h;
                }
                INDArray stepCol = Nd4j.create(steps, new long[] {n, 1}, DataType.DOUBLE).castTo(DataType.FLOAT);
                // probe i: base with coordinate i replaced by x0_i + step_i (forward) or x0_i +- h (central)
                INDArray eye = Nd4j.eye(n).castTo(DataType.FLOAT);
                INDArray plus = Nd4j.repeat(base, n).reshape(n, n).subi(eye.mulColumnVector(dCol))
                        .addi(eye.mulColumnVector(stepCol));
                INDArray rows = central
                        ? Nd4j.vstack(plus, plus.sub(eye.mul(2 * h)))
                        : Nd4j.vstack(base, plus);
                double[] denominators = new double[n];
                for (int i = 0; i < n; i++) {
                    denominators[i] = central ? 2 * h : steps[i] - d.getDouble(0, i);
                }
                Read read = read(rows);
                if (k == 0 && r == 0 && read.invalidFraction > PeelingEngine.SATURATED_FRACTION
                        && !"relu".equalsIgnoreCase(p.activation())) {
                    if (request.step() > 0 || halvings >= MAX_STEP_HALVINGS) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "the %s activation of layer '%s' is saturated on %.0f%% of the finite-difference "
                                        + "probes; use a smaller step than h = %g (for example h = %g)",
                                p.activation(), p.layerName(), 100 * read.invalidFraction, h, h / 4));
                    }
                    h /= 2;
                    halvings++;
                    continue;
                }
                absorb(read, rows, x0, d, denominators);
                track(rows, read);
                if (k == 0 && r == 0) {
                    chooseDither(read);
                }
                return;
            }
        }

        /** One read of probe rows: the linearised tap {@code z} (pre-activation plus bias), and its validity. */
        private record Read(INDArray z, INDArray valid, double invalidFraction) {
        }

        private Read read(INDArray rows) {
            QueryResult res = model.query(rows, p.tapsToRead());
            INDArray post = p.postTap() != null ? res.tap(p.postTap()) : (p.last() ? res.output() : null);
            if (p.usesPre()) {
                INDArray pre = res.tap(p.preTap()).castTo(DataType.DOUBLE);
                if (post != null && p.hasBias()) {
                    INDArray[] inv = ActivationInversion.invert(p.activation(), post);
                    INDArray preForBias = ActivationInversion.sharedOffset(p.activation())
                            ? pre.subColumnVector(pre.mean(true, 1)) : pre;
                    double[] s = inv[0].sub(preForBias).muli(inv[1]).sum(0).toDoubleVector();
                    double[] c = inv[1].sum(0).toDoubleVector();
                    for (int j = 0; j < m; j++) {
                        biasSum[j] += s[j];
                        biasCount[j] += c[j];
                    }
                }
                return new Read(pre, Nd4j.onesLike(pre), 0.0);
            }
            INDArray[] inv = ActivationInversion.invert(p.activation(), post);
            double invalid = inv[1].min(1).rsub(1.0).sumNumber().doubleValue() / rows.rows();
            return new Read(inv[0], inv[1], invalid);
        }

        private void absorb(Read read, INDArray rows, INDArray x0, INDArray d, double[] denominators) {
            INDArray hi = central ? read.z.getRows(range(0, n)) : read.z.getRows(range(1, n + 1));
            INDArray lo = central ? read.z.getRows(range(n, 2 * n)) : Nd4j.repeat(read.z.getRow(0, true), n).reshape(n, m);
            INDArray vHi = central ? read.valid.getRows(range(0, n)) : read.valid.getRows(range(1, n + 1));
            INDArray vLo = central ? read.valid.getRows(range(n, 2 * n))
                    : Nd4j.repeat(read.valid.getRow(0, true), n).reshape(n, m);
            INDArray mask = vHi.mul(vLo);
            INDArray den = Nd4j.create(denominators, new long[] {n, 1}, DataType.DOUBLE);
            INDArray estimate = hi.sub(lo).diviColumnVector(den).muli(mask);
            sum.addi(estimate);
            sumSq.addi(estimate.mul(estimate));
            count.addi(mask);
            if (noise != null) {
                INDArray v = noise.preTapVariance(p.layerName(), rows).castTo(DataType.DOUBLE);
                INDArray a = central ? v.getRows(range(0, n)) : v.getRows(range(1, n + 1));
                INDArray b = central ? v.getRows(range(n, 2 * n)) : Nd4j.repeat(v.getRow(0, true), n).reshape(n, m);
                boundSum.addi(a.add(b).diviColumnVector(den.mul(den)).muli(mask));
            }
            if (!central && !p.usesPre()) {
                // the base row's value and input, for the bias z(base) - base W once W is known
                baseReads.add(new INDArray[] {read.z.getRow(0, true).dup(), read.valid.getRow(0, true).dup(),
                        rows.getRow(0, true).castTo(DataType.DOUBLE)});
            }
        }

        /**
         * Sets the dither so that its output offset spans one ADC step: the step of each unit's tap is the smallest
         * gap between its levels over the probe rows of the first read (all read with the same row scale {@code h};
         * the inverted activation recovers the quantized pre-activation plus the bias, so its gaps are the same).
         */
        private void chooseDither(Read first) {
            if (!request.dither() || adaptive || points.size() != 1) {
                return;
            }
            INDArray probes = central ? first.z.getRows(range(0, n)) : first.z.getRows(range(1, n + 1));
            double[][] values = probes.castTo(DataType.DOUBLE).transpose().toDoubleMatrix();
            double[] steps = new double[m];
            double[] rms = new double[m];
            INDArray w = sum.div(count.add(count.eq(0.0).castTo(DataType.DOUBLE)));
            double[] colNorms = w.norm2(0).toDoubleVector();
            for (int j = 0; j < m; j++) {
                steps[j] = smallestGap(values[j]);
                rms[j] = colNorms[j] / Math.sqrt(n);
            }
            double step = median(steps);
            double rmsW = median(rms);
            if (!(step > 0) || !(rmsW > 0)) {
                ditherLevels = 0; // no converter step to get below
                return;
            }
            int coordinates = Math.min(DITHER_COORDINATES, n - 1);
            double levels = Math.rint(DAC_LEVELS * step / (h * Math.sqrt(coordinates) * rmsW));
            ditherLevels = Math.max(1, Math.min(DAC_LEVELS / 2, levels));
        }

        private static double smallestGap(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            double range = s[s.length - 1] - s[0];
            double gap = Double.POSITIVE_INFINITY;
            for (int i = 1; i < s.length; i++) {
                double g = s[i] - s[i - 1];
                // equal levels read back as float may differ in the last bits: ignore gaps below 1e-6 of the range
                if (g > 1e-6 * range && g < gap) {
                    gap = g;
                }
            }
            // a gap below 1e-4 of the range among a few hundred values: continuous values, no converter to dither
            return Double.isFinite(gap) && gap >= 1e-4 * range ? gap : 0.0;
        }

        private static double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length == 0 ? 0 : s[s.length / 2];
        }

        /** Per-entry variance of one read's estimate, from the spread of the reads so far ({@code s^2}). */
        private INDArray readVariance() {
            INDArray mean = sum.div(count.add(count.eq(0.0).castTo(DataType.DOUBLE)));
            INDArray dof = org.nd4j.linalg.ops.transforms.Transforms.max(count.sub(1.0), 1.0, false);
            INDArray s2 = sumSq.sub(mean.mul(mean).muli(count)).divi(dof);
            return s2.muli(count.gte(2.0).castTo(DataType.DOUBLE)).muli(s2.gt(0.0).castTo(DataType.DOUBLE));
        }

        private int readsForTarget(long perRead) {
            double norm = sum.div(count.add(count.eq(0.0).castTo(DataType.DOUBLE))).norm2Number().doubleValue();
            double s2 = readVariance().sumNumber().doubleValue();
            int wanted = (int) Math.min(Integer.MAX_VALUE,
                    Math.max(reads, Math.ceil(s2 / Math.pow(request.targetError() * norm, 2))));
            if (budget > 0 && (long) wanted * perRead > budget) {
                long affordable = Math.max(1, budget / perRead);
                double reachable = Math.sqrt(s2 / affordable) / norm;
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "target error %.3g is below what the read noise allows within the budget of %d queries for "
                                + "layer '%s' (Cramer-Rao bound of %d reads, read noise estimated from %d reads): it "
                                + "can reach about %.3g; raise the budget to about %d queries or the target to %.3g",
                        request.targetError(), budget, p.layerName(), affordable, reads, reachable,
                        (long) wanted * perRead + upperReserve, reachable));
            }
            return wanted;
        }

        private int readsForBudget(long perRead) {
            double norm = sum.div(count.add(count.eq(0.0).castTo(DataType.DOUBLE))).norm2Number().doubleValue();
            if (Math.sqrt(readVariance().sumNumber().doubleValue()) <= NOISE_FREE * norm) {
                return reads; // noise-free reads (they differ by rounding only): repeating them adds nothing
            }
            return (int) Math.max(reads, Math.min(Integer.MAX_VALUE, budget / 2 / perRead));
        }

        LayerReconstruction result(long queries) {
            INDArray safe = count.add(count.eq(0.0).castTo(DataType.DOUBLE));
            INDArray w = sum.div(safe);
            double[] unitCounts = count.sum(0).toDoubleVector();
            List<Integer> dead = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if (unitCounts[j] == 0) {
                    dead.add(j);
                }
            }
            INDArray b = Nd4j.zeros(DataType.DOUBLE, 1, m);
            if (p.usesPre()) {
                for (int j = 0; j < m; j++) {
                    b.putScalar(0, j, p.hasBias() && biasCount[j] > 0 ? biasSum[j] / biasCount[j] : 0.0);
                }
            } else if (adaptive) {
                // mean of z - x W over the active probes: (sum z - (X^T V)_j . w_j) / sum 1
                INDArray xw = activeInputs.mul(w).sum(0);
                for (int j = 0; j < m; j++) {
                    b.putScalar(0, j, activeCount[j] > 0 ? (activeSum[j] - xw.getDouble(j)) / activeCount[j] : 0.0);
                }
            } else {
                b = postBias(w);
            }
            INDArray countSq = safe.mul(safe);
            double estVar = reads > 1 ? readVariance().div(safe).sumNumber().doubleValue() : Double.NaN;
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
                    dead.stream().mapToInt(Integer::intValue).toArray(), queries,
                    Double.isFinite(estVar) && norm > 0 ? Math.sqrt(estVar) / norm : Double.NaN,
                    noise == null || norm == 0 ? Double.NaN : Math.sqrt(boundVar) / norm, false,
                    (central ? "central" : "forward") + " differences of " + (p.usesPre() ? p.preTap()
                            : "inverted " + p.activation() + " " + (p.postTap() == null ? "output" : p.postTap()))
                            + ", h = " + h + ", " + points.size() + " operating point(s)"
                            + (adaptive ? " chosen to activate every unit (after " + SCREEN_ROWS + " screening rows)"
                            : "") + ", " + reads + " read(s)"
                            + (reads > 1 && ditherLevels > 0 && points.size() == 1
                            ? ", dithered by " + (int) ditherLevels + " DAC level(s) on "
                            + Math.min(DITHER_COORDINATES, n - 1) + " inputs" : "")
                            + (reads > 1 ? ", read noise estimated from the spread of the reads" : ""));
        }

        /**
         * The bias of a layer read after its activation: {@code z(base) - base W} averaged over the base rows where
         * the unit was valid (forward differences); central differences read {@code z(0)} once more.
         */
        private INDArray postBias(INDArray w) {
            List<INDArray[]> bases = baseReads;
            if (bases.isEmpty()) {
                QueryResult res = model.query(Nd4j.zeros(DataType.FLOAT, 1, n), p.tapsToRead());
                INDArray post = p.postTap() != null ? res.tap(p.postTap()) : res.output();
                INDArray[] inv = ActivationInversion.invert(p.activation(), post);
                bases = List.<INDArray[]>of(new INDArray[] {inv[0], inv[1], Nd4j.zeros(DataType.DOUBLE, 1, n)});
            }
            INDArray s = Nd4j.zeros(DataType.DOUBLE, 1, m);
            INDArray c = Nd4j.zeros(DataType.DOUBLE, 1, m);
            for (INDArray[] base : bases) {
                INDArray residual = base[0].sub(base[2].mmul(w));
                if (ActivationInversion.sharedOffset(p.activation())) {
                    residual.subiColumnVector(residual.mean(true, 1));
                }
                s.addi(residual.muli(base[1]));
                c.addi(base[1]);
            }
            return s.div(c.add(c.eq(0.0).castTo(DataType.DOUBLE)));
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
