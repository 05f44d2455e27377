package org.dl4jmortal.analog.periphery;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.dl4jmortal.analog.host.HostArrays;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One analog matrix-vector read through the peripheral circuits (DESIGN.md §3 "Peripheral circuits" and
 * "Tiles"), after aihwkit's forward pass ({@code IOParameters}; {@code rpu_forward_backward_pass}):
 * <pre>
 *   per input row and per tile:  y = ADC( (W + read noise) DAC(x / alpha) + output noise ) * alpha
 * </pre>
 * <ol>
 *   <li><b>Tiles.</b> The rows of the weight matrix (the inputs) are split into tiles of {@code tileSize}; each tile
 *       has its own DAC/ADC and noise management; the tiles' outputs are added digitally. (Splitting the outputs
 *       as well would not change the result: every output column has its own ADC and shares the row's
 *       {@code alpha}.)</li>
 *   <li><b>Noise management</b> (aihwkit {@code NoiseManagementType.ABS_MAX}): {@code alpha = max_j |x_j|} over the
 *       row's inputs in the tile. A row whose abs-max is zero or below the smallest normal double ({@code 2^-1022})
 *       is never divided by it: its output is exactly zero. Without noise management {@code alpha = 1}.</li>
 *   <li><b>DAC</b>: a {@link Quantizer} of {@code inputBits} over {@code [-inputBound, inputBound]}; with
 *       {@code inputQuantization} off the DAC is ideal (no clipping, no rounding).</li>
 *   <li><b>Short-term read noise</b> (aihwkit PCM_READ weight noise, DESIGN.md §3): {@code y_i += sigma_w
 *       sqrt(sum_j |w_ij| x_j^2) xi_i}, computed with a second matrix product of {@code x^2} and {@code |W|}.</li>
 *   <li><b>Output noise</b>: {@code y_i += outputNoise xi'_i} (normalised output units, before the ADC). The two
 *       noises are independent Gaussians added at the same point, so they are drawn as one Gaussian of variance
 *       {@code sigma_w^2 sum_j |w_ij| x_j^2 + outputNoise^2}: the same distribution as their sum.</li>
 *   <li><b>ADC</b>: a {@link Quantizer} of {@code outputBits} over {@code [-outputBound, outputBound]}; with
 *       {@code outputQuantization} off there is no ADC (no clipping, no rounding, no saturation).</li>
 *   <li><b>Bound management</b> (aihwkit {@code BoundManagementType.ITERATIVE}), per row: if any output of a row
 *       reaches {@code ±outputBound} before the ADC, that row is read again with {@code alpha} doubled (its
 *       input halved) and fresh noise, at most {@code maxBoundManagementRounds} times; only saturated rows are
 *       re-read.</li>
 * </ol>
 * Rounding in both converters is to the nearest level, ties to even ({@link Math#rint}).
 * <p>
 * <b>Noise keys.</b> The noise of row {@code i} in round {@code r} of tile {@code k} comes from a
 * {@link SplittableRandom} (Steele, Lea &amp; Flood, OOPSLA 2014) seeded with
 * {@code KeyedRandom.key(KeyedRandom.key(noiseKey, k, r), i)}, using JDK 17's {@code nextGaussian()} (McFarland's
 * modified ziggurat, J. Stat. Comput. Simul. 86(7), 2016). So a row's result is a pure function of (noiseKey, its
 * index in the batch, its inputs, the weights), whatever the batch size and whatever the other rows hold.
 * <p>
 * <b>Implementation.</b> The matrix products run in ND4J; the element-wise stages of each tile (abs-max, DAC,
 * noise, ADC, rescaling, tile sum) are fused into one pass over primitive arrays. Measured on the project's
 * 2-core build machine this is several times faster than the chain of about ten whole-array ND4J operations
 * (each a separate native call and pass over memory) and than ND4J's native Box-Muller generator.
 * <p>
 * Large reads process their rows in parallel on the common fork-join pool; the result does not depend on it.
 * <p>
 * Thread-safe: reads keep no state except the diagnostic counters {@link #lastReadRounds()} and
 * {@link #lastRereadRows()} of the most recent read.
 */
public final class Periphery {

    private final PeripheryConfig config;
    private final Quantizer dac;
    private final Quantizer adc;
    private volatile long lastReadRounds;
    private volatile long lastRereadRows;

    /**
     * @param config the periphery configuration
     */
    public Periphery(PeripheryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.dac = new Quantizer(config.inputBits(), config.inputBound());
        this.adc = new Quantizer(config.outputBits(), config.outputBound());
    }

    /** @return the configuration */
    public PeripheryConfig config() {
        return config;
    }

    /**
     * One analog read of a batch (see the class comment).
     *
     * @param x                 inputs, [batch, nIn], network units, floating point, finite
     * @param normalisedWeights weights in units of {@code wScale} ({@code w / wScale}, in [-1, 1]), [nIn, nOut]
     * @param noiseKey          KeyedRandom key of this read (e.g. {@code key(seed, "layer0/read", step)})
     * @return {@code y}, [batch, nOut], in the units of {@code x · normalisedWeights}, data type of {@code x}
     * @throws IllegalArgumentException if {@code x} is not a floating-point matrix, its number of columns differs
     *                                  from the weights' rows, or it holds a NaN or infinite value (the message
     *                                  names the first bad (row, column))
     */
    public INDArray read(INDArray x, INDArray normalisedWeights, long noiseKey) {
        return read(x, normalisedWeights, null, noiseKey);
    }

    /**
     * As {@link #read(INDArray, INDArray, long)}, with {@code |W|} supplied by a caller that caches it (the read
     * noise needs the product {@code |W| x^2}; recomputing {@code |W|} on every read costs a pass over the array).
     *
     * @param x                 inputs, [batch, nIn]
     * @param normalisedWeights weights, [nIn, nOut]
     * @param absWeights        {@code |normalisedWeights|}, [nIn, nOut], or null to compute it here
     * @param noiseKey          key of this read's noise
     * @return outputs, [batch, nOut]
     * @throws IllegalArgumentException as {@link #read(INDArray, INDArray, long)}
     */
    public INDArray read(INDArray x, INDArray normalisedWeights, INDArray absWeights, long noiseKey) {
        INDArray w = checkShapes(x, normalisedWeights);
        INDArray absAll = absWeights == null || absWeights.dataType() != w.dataType() ? null : absWeights;
        DataType type = x.dataType();
        boolean noisy = config.readNoise() > 0 || config.outputNoise() > 0;
        if (!noisy && !config.inputQuantization() && !config.outputQuantization()) {
            // no converter and no noise: every tile reads its exact partial product (alpha cancels)
            checkFinite(x);
            lastReadRounds = 0;
            lastRereadRows = 0;
            return x.mmul(w);
        }
        int batch = Math.toIntExact(x.rows());
        int nIn = Math.toIntExact(x.columns());
        int nOut = Math.toIntExact(w.columns());
        int tileSize = config.tileSize();
        int tiles = (nIn + tileSize - 1) / tileSize;
        double[] xv = HostArrays.toDoubles(x);
        double[][] alpha = scaleRows(xv, batch, nIn, tileSize, tiles);
        double[] out = null;
        long rounds = 0;
        long rereads = 0;
        boolean checkSaturation = config.boundManagement() && config.outputQuantization()
                && config.maxBoundManagementRounds() > 0;
        for (int k = 0; k < tiles; k++) {
            int from = k * tileSize;
            int width = Math.min(nIn, from + tileSize) - from;
            INDArray ws = tiles == 1 ? w : w.get(NDArrayIndex.interval(from, from + width), NDArrayIndex.all());
            INDArray absW = null;
            if (config.readNoise() > 0) {
                absW = absAll == null ? Transforms.abs(ws, true)
                        : tiles == 1 ? absAll : absAll.get(NDArrayIndex.interval(from, from + width), NDArrayIndex.all());
            }
            double[] tileOut = new double[batch * nOut];
            boolean[] saturated = new boolean[batch];
            readRows(xv, nIn, from, width, ws, absW, alpha[k], null, KeyedRandom.key(noiseKey, k, 0), type,
                    tileOut, saturated);
            if (checkSaturation) {
                int[] pending = saturatedRows(saturated, alpha[k], null);
                int round = 0;
                while (pending.length > 0 && round < config.maxBoundManagementRounds()) {
                    round++;
                    double factor = Math.scalb(1.0, round);
                    double[] scaled = new double[pending.length];
                    for (int i = 0; i < pending.length; i++) {
                        scaled[i] = alpha[k][pending[i]] * factor;
                    }
                    boolean[] still = new boolean[pending.length];
                    readRows(xv, nIn, from, width, ws, absW, scaled, pending, KeyedRandom.key(noiseKey, k, round),
                            type, tileOut, still);
                    rereads += pending.length;
                    pending = saturatedRows(still, scaled, pending);
                }
                rounds = Math.max(rounds, round);
            }
            if (out == null) {
                out = tileOut;
            } else {
                for (int i = 0; i < out.length; i++) {
                    out[i] += tileOut[i];
                }
            }
        }
        lastReadRounds = rounds;
        lastRereadRows = rereads;
        return HostArrays.fromDoubles(out, batch, nOut, type);
    }

    /**
     * The noise-free function: plain {@code x · W} with no converter, noise or management.
     *
     * @param x                 inputs, [batch, nIn], floating point
     * @param normalisedWeights weights, [nIn, nOut]
     * @return {@code x · W}, [batch, nOut], data type of {@code x}
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public INDArray readNoiseFree(INDArray x, INDArray normalisedWeights) {
        return x.mmul(checkShapes(x, normalisedWeights));
    }

    /**
     * @return the number of bound-management re-read rounds of the most recent {@link #read} (the largest over its
     * tiles; 0 if no row saturated)
     */
    public long lastReadRounds() {
        return lastReadRounds;
    }

    /** @return the number of row re-reads (summed over rounds and tiles) of the most recent {@link #read} */
    public long lastRereadRows() {
        return lastRereadRows;
    }

    /**
     * Checks that every input is finite and computes the noise-management scale of every row in every tile.
     *
     * @return alpha[tile][row]: the row's abs-max in the tile (0 if below the smallest normal number), or 1
     * without noise management
     */
    private double[][] scaleRows(double[] xv, int batch, int nIn, int tileSize, int tiles) {
        double[][] alpha = new double[tiles][batch];
        double smallest = Double.MIN_NORMAL;
        for (int i = 0; i < batch; i++) {
            int base = i * nIn;
            for (int k = 0; k < tiles; k++) {
                int from = k * tileSize;
                int to = Math.min(nIn, from + tileSize);
                double max = 0;
                for (int j = from; j < to; j++) {
                    double v = xv[base + j];
                    if (!(Math.abs(v) <= Double.MAX_VALUE)) {
                        throw nonFinite(v, i, j);
                    }
                    max = Math.max(max, Math.abs(v));
                }
                alpha[k][i] = !config.noiseManagement() ? 1.0 : max >= smallest ? max : 0.0;
            }
        }
        return alpha;
    }

    /**
     * One read of some rows of one tile, written into {@code tileOut}.
     *
     * @param xv        the whole input, row-major [batch, nIn]
     * @param alpha     per selected row: its scale (0 = zero row)
     * @param rows      the selected rows' indices in the batch, or null for all rows in order
     * @param roundKey  key of this tile and round
     * @param tileOut   the tile's output, row-major [batch, nOut], network units; the selected rows are overwritten
     * @param saturated per selected row: set to true if an output reached the ADC bound
     */
    private void readRows(double[] xv, int nIn, int from, int width, INDArray ws, INDArray absW, double[] alpha,
                          int[] rows, long roundKey, DataType type, double[] tileOut, boolean[] saturated) {
        int count = alpha.length;
        boolean quantizeIn = config.inputQuantization();
        double inUnit = quantizeIn ? dac.step() : 1.0;
        boolean clipIn = quantizeIn && (!config.noiseManagement() || config.inputBound() < 1.0);
        double topIn = (dac.levels() - 1) / 2.0;
        double[] xin = new double[count * width];
        HostArrays.forEachRow(count, width, i -> {
            int row = rows == null ? i : rows[i];
            double inverse = alpha[i] > 0 ? 1.0 / (alpha[i] * inUnit) : 0.0;
            int src = row * nIn + from;
            int dst = i * width;
            for (int j = 0; j < width; j++) {
                double v = xv[src + j] * inverse;
                if (quantizeIn) {
                    if (clipIn) {
                        v = Math.max(-topIn, Math.min(topIn, v));
                    }
                    v = Math.rint(v);
                }
                xin[dst + j] = v;
            }
        });
        INDArray xq = HostArrays.fromDoubles(xin, count, width, type);
        double[] yv = HostArrays.toDoubles(xq.mmul(ws));
        double[] spread = absW == null ? null : HostArrays.toDoubles(xq.mul(xq).mmul(absW));
        int nOut = Math.toIntExact(ws.columns());
        double outputStd = config.outputNoise() / inUnit;
        double outputVariance = outputStd * outputStd;
        double readVariance = config.readNoise() * config.readNoise();
        boolean noisy = spread != null || outputStd > 0;
        boolean quantizeOut = config.outputQuantization();
        double outUnit = quantizeOut ? adc.step() : inUnit;
        double toSteps = inUnit / outUnit;
        double topOut = (adc.levels() - 1) / 2.0;
        HostArrays.forEachRow(count, nOut, i -> {
            int row = rows == null ? i : rows[i];
            SplittableRandom random = noisy ? new SplittableRandom(KeyedRandom.key(roundKey, row)) : null;
            double back = alpha[i] * outUnit;
            boolean hit = false;
            int src = i * nOut;
            int dst = row * nOut;
            for (int j = 0; j < nOut; j++) {
                double v = yv[src + j];
                if (spread != null) {
                    v += Math.sqrt(readVariance * spread[src + j] + outputVariance) * random.nextGaussian();
                } else if (noisy) {
                    v += outputStd * random.nextGaussian();
                }
                if (quantizeOut) {
                    v *= toSteps;
                    if (Math.abs(v) >= topOut) {
                        hit = true;
                        v = Math.max(-topOut, Math.min(topOut, v));
                    }
                    v = Math.rint(v);
                }
                tileOut[dst + j] = v * back;
            }
            saturated[i] = hit;
        });
    }

    /**
     * Runs a per-row body for rows 0..count-1, in parallel on the common fork-join pool when the work is large.
     * Rows write disjoint parts of the output and draw row-keyed noise, so the result does not depend on the
     * schedule.
     */
    private static int[] saturatedRows(boolean[] saturated, double[] alpha, int[] rows) {
        int n = 0;
        for (int i = 0; i < saturated.length; i++) {
            if (saturated[i] && alpha[i] > 0) {
                n++;
            }
        }
        int[] out = new int[n];
        n = 0;
        for (int i = 0; i < saturated.length; i++) {
            if (saturated[i] && alpha[i] > 0) {
                out[n++] = rows == null ? i : rows[i];
            }
        }
        return out;
    }

    private static IllegalArgumentException nonFinite(double v, int row, int column) {
        return new IllegalArgumentException("input holds a non-finite value " + v + " at (row " + row + ", column "
                + column + "); analog inputs must be finite");
    }

    private static INDArray checkShapes(INDArray x, INDArray w) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(w, "normalisedWeights");
        if (w.rank() != 2) {
            throw new IllegalArgumentException("weights must be a matrix [nIn, nOut], got shape "
                    + Arrays.toString(w.shape()));
        }
        if (x.rank() != 2 || x.columns() != w.rows()) {
            throw new IllegalArgumentException("input must have shape [batch, " + w.rows() + "] (" + w.rows()
                    + " features), got shape " + Arrays.toString(x.shape()));
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException("input must be floating point, got " + x.dataType());
        }
        return w.dataType() == x.dataType() ? w : w.castTo(x.dataType());
    }

    private static void checkFinite(INDArray x) {
        if (Double.isFinite(x.sumNumber().doubleValue())) {
            return;
        }
        double[][] v = x.toDoubleMatrix();
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                if (!Double.isFinite(v[i][j])) {
                    throw nonFinite(v[i][j], i, j);
                }
            }
        }
    }
}
