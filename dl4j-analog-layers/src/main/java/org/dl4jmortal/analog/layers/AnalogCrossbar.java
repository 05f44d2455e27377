package org.dl4jmortal.analog.layers;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.dl4jmortal.analog.conf.AnalogSpec;
import org.dl4jmortal.analog.device.DeviceSettings;
import org.dl4jmortal.analog.periphery.Periphery;
import org.dl4jmortal.analog.update.UpdateConfig;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The simulated crossbar behind one analog layer: it writes target weights into its device array (programmed
 * conductance pairs or pulsed devices), lets the array evolve with time (drift, accumulated 1/f noise, faults) or
 * with in-place pulsed updates, and reads it through the periphery (DAC, read noise, output noise, ADC, noise and
 * bound management, tiles), with global drift compensation applied digitally (DESIGN.md §3).
 * All state lives in the layer's DL4J parameter views ({@link AnalogParams}); this object only caches the
 * effective conductances for the current time. There is no digital copy of the weights.
 * <p>
 * Random draws are keyed by (layer seed, purpose, programming count, read counter), see {@link KeyedRandom}.
 */
public final class AnalogCrossbar {
    /** Number of all-ones calibration rows read for global drift compensation (their mean |y| is the readout). */
    public static final int CALIBRATION_ROWS = 16;

    private final String layerName;
    private final long seed;
    private final long nIn;
    private final long nOut;
    private final Map<String, INDArray> params;
    private final DeviceSettings settings;
    private final Periphery periphery;
    private final CrosspointArray array;
    private final AtomicLong readCounter = new AtomicLong();
    private final AtomicLong calibrationRows = new AtomicLong();

    private Boolean driftCompensationOverride;
    private boolean noiseFree;
    private boolean recordPreOutput;
    private INDArray lastPreOutput;

    private INDArray lastReadInput;
    private INDArray lastReadOutput;
    private double[] lastReadKey;

    private double[] cacheKey;
    private INDArray cachedNormalisedWeights;
    private INDArray cachedAbsWeights;
    private double cachedAlpha = 1.0;

    /**
     * @param layerName layer name used in messages and keys
     * @param seed      the layer's 64-bit seed
     * @param nIn       inputs (rows of the crossbar)
     * @param nOut      outputs (columns)
     * @param spec      device name and overrides
     * @param params    the layer's parameter views, keys of {@link AnalogParams#keys}
     * @throws IllegalArgumentException if the device is unknown (lists the installed ones), an override key is
     *                                  unknown or out of range, or the device lacks the physics its kind needs
     */
    public AnalogCrossbar(String layerName, long seed, long nIn, long nOut, AnalogSpec spec, Map<String, INDArray> params) {
        this.layerName = layerName;
        this.seed = seed;
        this.nIn = nIn;
        this.nOut = nOut;
        this.params = params;
        this.settings = DeviceSettings.resolve(spec.deviceName(), spec.parameterOverrides());
        CrosspointKind kind = settings.device().crosspointKind();
        if (kind == CrosspointKind.PULSED) {
            this.array = new PulsedArray(seed, nIn, nOut, params, settings.pulsedPhysics().orElseThrow(
                    () -> new IllegalArgumentException("layer " + layerName + ": pulsed device '" + spec.deviceName()
                            + "' has no update rule")), settings.update());
        } else {
            if (settings.physics().isEmpty()) {
                throw new IllegalArgumentException("layer " + layerName + ": device '" + spec.deviceName()
                        + "' is a programmed pair without inference physics");
            }
            this.array = new ProgrammedPairArray(seed, nIn, nOut, params, settings);
        }
        this.periphery = new Periphery(settings.periphery());
    }

    /** @return the layer name */
    public String layerName() {
        return layerName;
    }

    /** @return the layer's 64-bit seed */
    public long seed() {
        return seed;
    }

    /** @return the resolved device, periphery and update settings */
    public DeviceSettings settings() {
        return settings;
    }

    /** @return true if the devices are pulsed (trained in place), false for programmed pairs */
    public boolean isPulsed() {
        return array instanceof PulsedArray;
    }

    /**
     * Draws the chip's fixed variation (fault maps, device-to-device parameters) and programs initial weights drawn
     * with DL4J's weight initialisation, when {@code initializeParams} is true; otherwise the parameters were restored
     * and are kept.
     *
     * @param initializeParams whether this is a fresh layer
     * @param weightInit       DL4J weight initialisation for the initial targets
     */
    void initialise(boolean initializeParams, IWeightInit weightInit) {
        if (!initializeParams) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            array.drawFixedVariation();
            INDArray w = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {nIn, nOut}, 'f');
            weightInit.init(nIn, nOut, new long[] {nIn, nOut}, 'f', w);
            program(w, null);
        }
    }

    /**
     * Writes target weights (DESIGN.md §3): programmed pairs get per-column {@code wScale}, programming noise,
     * device-to-device gain and fresh drift exponents; pulsed devices are set to the clipped targets. The clock restarts
     * at zero and the global drift compensation reference is read through the periphery right after writing.
     *
     * @param weights target weights {@code [nIn, nOut]}
     * @param bias    target bias {@code [1, nOut]} or {@code [nOut]}, or null to keep the present one
     * @throws IllegalArgumentException if a shape does not match or a value is not finite
     */
    public synchronized void program(INDArray weights, INDArray bias) {
        if (weights == null || !Arrays.equals(weights.shape(), new long[] {nIn, nOut})) {
            throw new IllegalArgumentException("layer " + layerName + ": weights must have shape [" + nIn + ", "
                    + nOut + "], got " + (weights == null ? "null" : Arrays.toString(weights.shape())));
        }
        InputChecks.requireFiniteMatrix(weights, nOut, "weights for layer " + layerName);
        INDArray b = params.get(AnalogParams.BIAS);
        if (bias != null) {
            if (b == null) {
                throw new IllegalArgumentException("layer " + layerName + " has no bias; pass null");
            }
            if (bias.length() != nOut) {
                throw new IllegalArgumentException("layer " + layerName + ": bias must have " + nOut + " values, got "
                        + bias.length());
            }
            InputChecks.requireFiniteMatrix(bias.reshape(1, nOut), nOut, "bias for layer " + layerName);
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray state = params.get(AnalogParams.STATE);
            long count = (long) state.getDouble(0, AnalogParams.STATE_PROGRAM_COUNT);
            array.program(weights.castTo(DataType.DOUBLE), count);
            state.putScalar(0, AnalogParams.STATE_PROGRAM_COUNT, count + 1);
            state.putScalar(0, AnalogParams.STATE_GDC_REFERENCE, 0.0);
            writeTime(0.0);
            if (bias != null) {
                b.assign(bias.reshape(1, nOut));
            }
            invalidate();
            double reference = calibrationReadout(normalisedWeights());
            state.putScalar(0, AnalogParams.STATE_GDC_REFERENCE, reference);
            invalidate();
        }
    }

    /**
     * The device states after one in-place update (pure: parameter views unchanged); the layer writes "present minus
     * target" into its gradient view so DL4J's step (NoOp updater) lands on it (DESIGN.md, DL4J notes).
     *
     * @param x           layer input {@code [batch, nIn]}
     * @param delta       error at the pre-activation {@code [batch, nOut]}, per example
     * @param lr          learning rate, {@code >= 0}
     * @param updateIndex update counter
     * @return new device states {@code [nIn, nOut]}
     * @throws IllegalStateException if the devices are not pulsed
     */
    public INDArray inPlaceUpdateTarget(INDArray x, INDArray delta, double lr, long updateIndex) {
        if (!(array instanceof PulsedArray pulsed)) {
            throw new IllegalStateException("layer " + layerName + ": device '" + settings.deviceName()
                    + "' has no pulse rule and cannot be trained in place");
        }
        try (MemoryWorkspace ignored = ScratchWorkspace.open()) {
            return pulsed.updatedStates(x, delta, lr, updateIndex).detach();
        }
    }

    /** @return the update settings of a pulsed device (bit length, managements, mode) */
    public UpdateConfig updateConfig() {
        return settings.update();
    }
    /** @return seconds since the end of programming */
    public double secondsSinceProgramming() {
        INDArray state = params.get(AnalogParams.STATE);
        return state.getDouble(0, AnalogParams.STATE_TIME_HI) + state.getDouble(0, AnalogParams.STATE_TIME_LO);
    }

    /**
     * @param seconds time since programming, finite and {@code >= 0}
     * @throws IllegalArgumentException if negative, NaN or infinite
     */
    public synchronized void setSecondsSinceProgramming(double seconds) {
        writeTime(InputChecks.requireTime(seconds));
    }

    private void writeTime(double seconds) {
        INDArray state = params.get(AnalogParams.STATE);
        double hi = state.dataType() == DataType.DOUBLE ? seconds : (float) seconds;
        state.putScalar(0, AnalogParams.STATE_TIME_HI, hi);
        state.putScalar(0, AnalogParams.STATE_TIME_LO, seconds - hi);
    }

    /**
     * @param on force global drift compensation on or off for this layer, or null to follow the
     *           {@code driftCompensation} parameter
     */
    public synchronized void setDriftCompensationOverride(Boolean on) {
        this.driftCompensationOverride = on;
        invalidate();
    }

    /** @return whether outputs are multiplied by the drift compensation factor */
    public boolean driftCompensation() {
        return driftCompensationOverride != null ? driftCompensationOverride : settings.periphery().driftCompensation();
    }

    /**
     * @param on if true, reads bypass the periphery (no converters, no read or output noise): the chip's noise-free
     *           function, for the evaluation oracle only (never for copy-out algorithms)
     */
    public void setNoiseFreeForOracle(boolean on) {
        this.noiseFree = on;
    }

    /** @param on whether to keep the last pre-bias output for taps */
    public void setRecordPreOutput(boolean on) {
        this.recordPreOutput = on;
        if (!on) {
            lastPreOutput = null;
        }
    }

    /** @return the last pre-bias output {@code [batch, nOut]} read while recording, or null */
    public INDArray lastPreOutput() {
        return lastPreOutput;
    }

    /** @return calibration rows read so far (global drift compensation), for the query ledger */
    public long calibrationRows() {
        return calibrationRows.get();
    }

    /**
     * One analog read of the layer without its bias: {@code periphery(x, W_eff(t)/wScale) * wScale * alpha}.
     *
     * @param x input {@code [batch, nIn]}, finite
     * @return pre-bias output {@code [batch, nOut]}, in weight units, detached from any workspace
     * @throws IllegalArgumentException on a wrong width or non-finite input (naming the first bad index)
     */
    public INDArray read(INDArray x) {
        InputChecks.requireFiniteMatrix(x, nIn, "input of analog layer " + layerName);
        Effective e = effective();
        INDArray wNorm = e.normalisedWeights();
        INDArray wScale = params.get(AnalogParams.W_SCALE);
        double alpha = e.alpha();
        try (MemoryWorkspace ignored = ScratchWorkspace.open()) {
            INDArray xd = x.dataType() == wNorm.dataType() ? x : x.castTo(wNorm.dataType());
            INDArray y = noiseFree ? periphery.readNoiseFree(xd, wNorm)
                    : periphery.read(xd, wNorm, e.absWeights(), KeyedRandom.key(seed, "read", readCounter.getAndIncrement()));
            y.muliRowVector(wScale.castTo(y.dataType()));
            if (alpha != 1.0) {
                y.muli(alpha);
            }
            INDArray out = y.castTo(x.dataType()).detach();
            if (recordPreOutput) {
                lastPreOutput = out;
            }
            lastReadInput = x;
            lastReadOutput = out;
            lastReadKey = cacheKey;
            return out;
        }
    }

    /**
     * The result of the last {@link #read} if it was a read of this very input array with the present device state:
     * the backward pass then uses the forward read that actually happened (as on hardware) instead of a second,
     * differently noisy read. Callers must not modify the returned array.
     *
     * @param x the input array of the read (compared by identity)
     * @return the pre-bias output {@code [batch, nOut]} of that read, or null if the last read was of another input
     * or the devices changed since
     */
    public synchronized INDArray lastReadOf(INDArray x) {
        if (x == null || x != lastReadInput) {
            return null;
        }
        normalisedWeights();
        return lastReadKey == cacheKey ? lastReadOutput : null;
    }

    /**
     * Backward read through the same periphery (transposed array): {@code epsilon = periphery(delta * wScale * alpha,
     * (W_eff/wScale)^T)}.
     *
     * @param delta error at this layer's pre-activation {@code [batch, nOut]}
     * @return error at the input {@code [batch, nIn]}, detached from any workspace
     */
    public INDArray backward(INDArray delta) {
        Effective e = effective();
        INDArray wNorm = e.normalisedWeights();
        INDArray wScale = params.get(AnalogParams.W_SCALE);
        double alpha = e.alpha();
        try (MemoryWorkspace ignored = ScratchWorkspace.open()) {
            INDArray d = delta.dataType() == wNorm.dataType() ? delta.dup() : delta.castTo(wNorm.dataType());
            d.muliRowVector(wScale.castTo(d.dataType()));
            if (alpha != 1.0) {
                d.muli(alpha);
            }
            INDArray wt = wNorm.transpose();
            INDArray eps = noiseFree ? periphery.readNoiseFree(d, wt)
                    : periphery.read(d, wt, e.absWeights() == null ? null : e.absWeights().transpose(),
                    KeyedRandom.key(seed, "backward", readCounter.getAndIncrement()));
            return eps.castTo(delta.dataType()).detach();
        }
    }

    /**
     * The effective weights at the present time (programming noise, drift, 1/f noise, faults included), for the
     * evaluation oracle only.
     *
     * @return {@code [nIn, nOut]} in weight units, a copy
     */
    public INDArray effectiveWeightsForOracle() {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return normalisedWeights().mulRowVector(params.get(AnalogParams.W_SCALE).castTo(cachedNormalisedWeights.dataType()));
        }
    }

    /**
     * The variance of this layer's {@code .pre} tap for given input rows, for the evaluation oracle only (the true
     * noise behind the Cramér–Rao bound of weight reconstruction, DESIGN.md §4). It follows {@link Periphery#read}
     * term by term, per tile {@code k}: {@code alpha_k} = the row's abs-max over the tile (noise management, 1
     * without), {@code xq = DAC(x / alpha_k)}; bound management doubles {@code alpha_k} while the noise-free
     * normalised output {@code xq Wn} of any column reaches the ADC bound (decided on the noise-free value, so rows
     * within about one noise std of the bound are approximated); then
     * <pre>
     *   var_ij = (wScale_j * gdc)^2 * sum_k alpha_k^2 * ( readNoise^2 * sum_{i in k} |Wn_ij| xq_i^2
     *                                                   + outputNoise^2 + adcStep^2 / 12 )
     * </pre>
     * with {@code adcStep^2 / 12} only when the ADC quantizes (the uniform rounding-noise model, valid when the
     * analog noise spans several ADC steps). An all-zero tile row has {@code alpha_k = 0} and so variance 0 (its
     * output is exactly 0).
     *
     * @param x layer input rows {@code [batch, nIn]}, network units, finite
     * @return variances {@code [batch, nOut]} in squared tap (weight) units, DOUBLE
     * @throws IllegalArgumentException on a wrong width or non-finite input
     */
    public INDArray preTapNoiseVarianceForOracle(INDArray x) {
        InputChecks.requireFiniteMatrix(x, nIn, "input of analog layer " + layerName);
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            org.dl4jmortal.analog.periphery.PeripheryConfig cfg = settings.periphery();
            INDArray wNorm = normalisedWeights().castTo(DataType.DOUBLE);
            INDArray xd = x.castTo(DataType.DOUBLE);
            int batch = (int) xd.rows();
            org.dl4jmortal.analog.periphery.Quantizer dac =
                    new org.dl4jmortal.analog.periphery.Quantizer(cfg.inputBits(), cfg.inputBound());
            org.dl4jmortal.analog.periphery.Quantizer adc =
                    new org.dl4jmortal.analog.periphery.Quantizer(cfg.outputBits(), cfg.outputBound());
            double outputTerm = cfg.outputNoise() * cfg.outputNoise()
                    + (cfg.outputQuantization() ? adc.step() * adc.step() / 12.0 : 0.0);
            double readVar = cfg.readNoise() * cfg.readNoise();
            boolean bm = cfg.boundManagement() && cfg.outputQuantization() && cfg.maxBoundManagementRounds() > 0;
            INDArray total = Nd4j.zeros(DataType.DOUBLE, batch, nOut);
            int tileSize = cfg.tileSize();
            for (long start = 0; start < nIn; start += tileSize) {
                long end = Math.min(nIn, start + tileSize);
                INDArray xs = xd.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end));
                INDArray ws = wNorm.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
                INDArray absW = Transforms.abs(ws, true);
                double[] alpha = xs.amax(1).toDoubleVector();
                if (!cfg.noiseManagement()) {
                    java.util.Arrays.fill(alpha, 1.0);
                }
                for (int r = 0; r < batch; r++) {
                    if (!(alpha[r] >= Float.MIN_NORMAL)) {
                        alpha[r] = 0.0;
                    }
                }
                INDArray xq = quantizeRows(xs, alpha, cfg, dac);
                if (bm) {
                    double[] peak = xq.mmul(ws).amax(1).toDoubleVector();
                    for (int round = 0; round < cfg.maxBoundManagementRounds(); round++) {
                        java.util.List<Integer> hot = new java.util.ArrayList<>();
                        for (int r = 0; r < batch; r++) {
                            if (alpha[r] > 0 && peak[r] >= adc.bound()) {
                                hot.add(r);
                            }
                        }
                        if (hot.isEmpty()) {
                            break;
                        }
                        int[] rows = hot.stream().mapToInt(Integer::intValue).toArray();
                        double[] a = new double[rows.length];
                        for (int i = 0; i < rows.length; i++) {
                            alpha[rows[i]] *= 2;
                            a[i] = alpha[rows[i]];
                        }
                        INDArray sub = quantizeRows(xs.getRows(rows), a, cfg, dac);
                        double[] subPeak = sub.mmul(ws).amax(1).toDoubleVector();
                        for (int i = 0; i < rows.length; i++) {
                            xq.putRow(rows[i], sub.getRow(i));
                            peak[rows[i]] = subPeak[i];
                        }
                    }
                }
                INDArray a2 = Nd4j.create(alpha, new long[] {batch, 1}, DataType.DOUBLE);
                a2.muli(a2);
                INDArray v = xq.mul(xq).mmul(absW).muli(readVar).addi(outputTerm);
                total.addi(v.muliColumnVector(a2));
            }
            INDArray scale = params.get(AnalogParams.W_SCALE).castTo(DataType.DOUBLE).reshape(1, nOut);
            double gdc = driftCompensationFactor();
            total.muliRowVector(scale.mul(scale).muli(gdc * gdc));
            return total;
        }
    }

    private static INDArray quantizeRows(INDArray rows, double[] alpha,
                                         org.dl4jmortal.analog.periphery.PeripheryConfig cfg,
                                         org.dl4jmortal.analog.periphery.Quantizer dac) {
        double[] inverse = new double[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            inverse[i] = alpha[i] > 0 ? 1.0 / alpha[i] : 0.0;
        }
        INDArray xq = rows.mulColumnVector(Nd4j.create(inverse, new long[] {alpha.length, 1}, DataType.DOUBLE));
        return cfg.inputQuantization() ? dac.quantizeInPlace(xq) : xq;
    }

    /**
     * @return the drift compensation factor in use at the present time (1 when compensation is off, and always 1 for
     *         pulsed devices: they do not drift, and in-place updates would make any reference stale)
     */
    public double driftCompensationFactor() {
        normalisedWeights();
        return driftCompensation() ? cachedAlpha : 1.0;
    }

    /** Drops cached effective conductances (after parameters changed outside {@link #program}). */
    public synchronized void invalidate() {
        cacheKey = null;
        cachedNormalisedWeights = null;
    }

    /** One consistent view of the cache: weights, their absolute values (null without read noise), GDC factor in use. */
    private record Effective(INDArray normalisedWeights, INDArray absWeights, double alpha) {
    }

    private synchronized Effective effective() {
        INDArray w = normalisedWeights();
        return new Effective(w, cachedAbsWeights, driftCompensation() ? cachedAlpha : 1.0);
    }

    /**
     * The normalised effective weights at the present time, cached. The cache key holds the clock, the whole state
     * row (programming and update counts, GDC reference) and the sums of the device arrays, so a restore, a
     * programming or an in-place step (which changes the update count) always invalidates it.
     */
    private synchronized INDArray normalisedWeights() {
        INDArray state = params.get(AnalogParams.STATE);
        double t = secondsSinceProgramming();
        double[] stateRow = state.toDoubleVector();
        double[] key = new double[stateRow.length + 4];
        System.arraycopy(stateRow, 0, key, 0, stateRow.length);
        key[stateRow.length] = t;
        int k = stateRow.length + 1;
        for (String name : new String[] {AnalogParams.G_PLUS, AnalogParams.G_MINUS, AnalogParams.W_DEVICE}) {
            INDArray a = params.get(name);
            key[k++] = a == null ? 0 : a.sumNumber().doubleValue();
        }
        if (cachedNormalisedWeights != null && Arrays.equals(key, cacheKey)) {
            return cachedNormalisedWeights;
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray wNorm = array.normalisedWeightsAt(t, (long) stateRow[AnalogParams.STATE_PROGRAM_COUNT]);
            double reference = stateRow[AnalogParams.STATE_GDC_REFERENCE];
            double alpha = 1.0;
            // pulsed devices carry no drift model and are rewritten by every in-place update, so a reference taken
            // when they were first written would compensate training, not drift: no compensation (factor 1)
            if (reference > 0 && driftCompensation() && !isPulsed()) {
                double now = calibrationReadout(wNorm);
                alpha = now > 0 ? reference / now : 1.0;
            }
            cachedNormalisedWeights = wNorm;
            cachedAbsWeights = settings.periphery().readNoise() > 0 ? Transforms.abs(wNorm, true) : null;
            cachedAlpha = alpha;
            cacheKey = key;
            return wNorm;
        }
    }

    /**
     * Global drift compensation readout (DESIGN.md §3; aihwkit {@code GlobalDriftCompensation}): the mean |y| of
     * {@link #CALIBRATION_ROWS} all-ones input rows read through the noisy periphery, keyed by the programming count
     * and the time so it is repeatable.
     */
    private double calibrationReadout(INDArray wNorm) {
        INDArray ones = Nd4j.ones(wNorm.dataType(), CALIBRATION_ROWS, nIn);
        INDArray state = params.get(AnalogParams.STATE);
        long key = KeyedRandom.key(seed, "gdc", (long) state.getDouble(0, AnalogParams.STATE_PROGRAM_COUNT),
                Double.doubleToLongBits(secondsSinceProgramming()));
        INDArray y = periphery.read(ones, wNorm, key);
        calibrationRows.addAndGet(CALIBRATION_ROWS);
        return Transforms.abs(y, false).meanNumber().doubleValue();
    }
}
