package org.dl4jmortal.analog.layers;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.dl4jmortal.analog.conf.AnalogSpec;
import org.dl4jmortal.analog.device.DeviceSettings;
import org.dl4jmortal.analog.periphery.Periphery;
import org.dl4jmortal.analog.physics.DeviceVariation;
import org.dl4jmortal.analog.physics.Drift;
import org.dl4jmortal.analog.physics.FaultMap;
import org.dl4jmortal.analog.physics.PairMapping;
import org.dl4jmortal.analog.physics.ProgrammedPair;
import org.dl4jmortal.analog.physics.ProgrammingNoise;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The simulated crossbar behind one analog layer: it programs target weights into conductance pairs, evolves them
 * with time (drift, accumulated 1/f noise, faults) and reads them through the periphery (DAC, read noise, output
 * noise, ADC, noise and bound management, tiles), with global drift compensation applied digitally (DESIGN.md §3).
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
    private final ProgrammedDevicePhysics physics;
    private final AtomicLong readCounter = new AtomicLong();
    private final AtomicLong calibrationRows = new AtomicLong();

    private Boolean driftCompensationOverride;
    private boolean noiseFree;
    private boolean recordPreOutput;
    private INDArray lastPreOutput;

    private double[] cacheKey;
    private INDArray cachedNormalisedWeights;
    private double cachedAlpha = 1.0;

    /**
     * @param layerName layer name used in messages and keys
     * @param seed      the layer's 64-bit seed
     * @param nIn       inputs (rows of the crossbar)
     * @param nOut      outputs (columns)
     * @param spec      device name and overrides
     * @param params    the layer's parameter views, keys of {@link AnalogParams}
     * @throws IllegalArgumentException if the device is unknown (lists the installed ones), an override key is
     *                                  unknown or out of range, or the device is not a programmed pair
     */
    public AnalogCrossbar(String layerName, long seed, long nIn, long nOut, AnalogSpec spec, Map<String, INDArray> params) {
        this.layerName = layerName;
        this.seed = seed;
        this.nIn = nIn;
        this.nOut = nOut;
        this.params = params;
        this.settings = DeviceSettings.resolve(spec.deviceName(), spec.parameterOverrides());
        if (settings.device().crosspointKind() != CrosspointKind.PROGRAMMED_PAIR || settings.physics().isEmpty()) {
            throw new IllegalArgumentException("layer " + layerName + ": device '" + spec.deviceName()
                    + "' is not a programmed-pair device with inference physics; this layer supports "
                    + CrosspointKind.PROGRAMMED_PAIR + " devices");
        }
        this.physics = settings.physics().get();
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

    /** @return the resolved device and periphery settings */
    public DeviceSettings settings() {
        return settings;
    }

    private double deviceParameter(String name, double fallback) {
        ParameterSet p = settings.deviceParameters();
        return p.has(name) ? p.get(name) : fallback;
    }

    /**
     * Draws the chip's fault masks (once, from the seed) and programs initial weights drawn with DL4J's weight
     * initialisation, when {@code initializeParams} is true; otherwise the parameters were restored and are kept.
     *
     * @param initializeParams whether this is a fresh layer
     * @param weightInit       DL4J weight initialisation for the initial targets
     */
    void initialise(boolean initializeParams, IWeightInit weightInit) {
        if (!initializeParams) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            long[] shape = {nIn, nOut};
            double stuckZero = deviceParameter("stuckAtZeroFraction", 0);
            double stuckMax = deviceParameter("stuckAtGMaxFraction", 0);
            params.get(AnalogParams.FAULT_PLUS).assign(FaultMap.draw(shape, stuckZero, stuckMax,
                    KeyedRandom.key(seed, "faults+")));
            params.get(AnalogParams.FAULT_MINUS).assign(FaultMap.draw(shape, stuckZero, stuckMax,
                    KeyedRandom.key(seed, "faults-")));
            INDArray w = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {nIn, nOut}, 'f');
            weightInit.init(nIn, nOut, shape, 'f', w);
            program(w, null);
        }
    }

    /**
     * Programs target weights (DESIGN.md §3, pair mapping and programming noise): per-column {@code wScale} so the
     * largest |w| of each column maps to {@code gMax}; each conductance is programmed with the device's programming
     * noise and device-to-device gain; drift exponents are drawn afresh; the clock restarts at zero; the global drift
     * compensation reference is read through the periphery right after programming.
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
            INDArray w = weights.castTo(DataType.DOUBLE);
            INDArray state = params.get(AnalogParams.STATE);
            long count = (long) state.getDouble(0, AnalogParams.STATE_PROGRAM_COUNT);
            INDArray wScale = PairMapping.columnScale(w);
            INDArray[] targets = PairMapping.targets(w, wScale);
            double noiseScale = deviceParameter("programmingNoiseScale", 1.0);
            double dtod = deviceParameter("conductanceDtod", 0.0);
            long[] shape = {nIn, nOut};
            INDArray gainPlus = DeviceVariation.gain(shape, dtod, KeyedRandom.key(seed, "gain+"));
            INDArray gainMinus = DeviceVariation.gain(shape, dtod, KeyedRandom.key(seed, "gain-"));
            INDArray gPlus = ProgrammingNoise.program(targets[0], physics, noiseScale,
                    KeyedRandom.key(seed, "program+", count)).muli(gainPlus);
            INDArray gMinus = ProgrammingNoise.program(targets[1], physics, noiseScale,
                    KeyedRandom.key(seed, "program-", count)).muli(gainMinus);
            params.get(AnalogParams.G_PLUS).assign(gPlus);
            params.get(AnalogParams.G_MINUS).assign(gMinus);
            params.get(AnalogParams.NU_PLUS).assign(Drift.drawExponents(targets[0], physics,
                    KeyedRandom.key(seed, "nu+", count)));
            params.get(AnalogParams.NU_MINUS).assign(Drift.drawExponents(targets[1], physics,
                    KeyedRandom.key(seed, "nu-", count)));
            params.get(AnalogParams.W_SCALE).assign(wScale);
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
    public void setDriftCompensationOverride(Boolean on) {
        this.driftCompensationOverride = on;
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
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray wNorm = normalisedWeights();
            INDArray xd = x.dataType() == wNorm.dataType() ? x : x.castTo(wNorm.dataType());
            INDArray y = noiseFree ? periphery.readNoiseFree(xd, wNorm)
                    : periphery.read(xd, wNorm, KeyedRandom.key(seed, "read", readCounter.getAndIncrement()));
            y.muliRowVector(params.get(AnalogParams.W_SCALE).castTo(y.dataType()));
            if (driftCompensation() && cachedAlpha != 1.0) {
                y.muli(cachedAlpha);
            }
            INDArray out = y.castTo(x.dataType());
            if (recordPreOutput) {
                lastPreOutput = out.dup();
            }
            return out;
        }
    }

    /**
     * Backward read through the same periphery (transposed array): {@code epsilon = periphery(delta * wScale * alpha,
     * (W_eff/wScale)^T)}.
     *
     * @param delta error at this layer's pre-activation {@code [batch, nOut]}
     * @return error at the input {@code [batch, nIn]}, detached from any workspace
     */
    public INDArray backward(INDArray delta) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray wNorm = normalisedWeights();
            INDArray d = delta.castTo(wNorm.dataType());
            d.muliRowVector(params.get(AnalogParams.W_SCALE).castTo(d.dataType()));
            if (driftCompensation() && cachedAlpha != 1.0) {
                d.muli(cachedAlpha);
            }
            INDArray wt = wNorm.transpose();
            INDArray eps = noiseFree ? periphery.readNoiseFree(d, wt)
                    : periphery.read(d, wt, KeyedRandom.key(seed, "backward", readCounter.getAndIncrement()));
            return eps.castTo(delta.dataType());
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

    /** @return the drift compensation factor in use at the present time (1 when compensation is off) */
    public double driftCompensationFactor() {
        normalisedWeights();
        return driftCompensation() ? cachedAlpha : 1.0;
    }

    /** Drops cached effective conductances (after parameters changed outside {@link #program}). */
    public synchronized void invalidate() {
        cacheKey = null;
        cachedNormalisedWeights = null;
    }

    private synchronized INDArray normalisedWeights() {
        INDArray gPlus = params.get(AnalogParams.G_PLUS);
        INDArray gMinus = params.get(AnalogParams.G_MINUS);
        INDArray state = params.get(AnalogParams.STATE);
        double t = secondsSinceProgramming();
        double[] key = {t, state.getDouble(0, AnalogParams.STATE_PROGRAM_COUNT),
                state.getDouble(0, AnalogParams.STATE_GDC_REFERENCE), gPlus.sumNumber().doubleValue(),
                gMinus.sumNumber().doubleValue(), params.get(AnalogParams.NU_PLUS).sumNumber().doubleValue(),
                params.get(AnalogParams.W_SCALE).sumNumber().doubleValue()};
        if (cachedNormalisedWeights != null && Arrays.equals(key, cacheKey)) {
            return cachedNormalisedWeights;
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            long count = (long) key[1];
            boolean drift = deviceParameter("drift", 0) != 0;
            boolean oneOverF = deviceParameter("oneOverFNoise", 0) != 0;
            INDArray plus = ProgrammedPair.conductanceAt(gPlus, params.get(AnalogParams.NU_PLUS),
                    params.get(AnalogParams.FAULT_PLUS), t, physics, drift, oneOverF,
                    KeyedRandom.key(seed, "1/f+", count));
            INDArray minus = ProgrammedPair.conductanceAt(gMinus, params.get(AnalogParams.NU_MINUS),
                    params.get(AnalogParams.FAULT_MINUS), t, physics, drift, oneOverF,
                    KeyedRandom.key(seed, "1/f-", count));
            INDArray wNorm = plus.sub(minus);
            double reference = key[2];
            double alpha = 1.0;
            if (reference > 0) {
                double now = calibrationReadout(wNorm);
                alpha = now > 0 ? reference / now : 1.0;
            }
            cachedNormalisedWeights = wNorm;
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
