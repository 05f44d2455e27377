package org.dl4jmortal.analog.periphery;

import java.util.Arrays;
import java.util.Objects;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 *       row's inputs in the tile. A row whose abs-max is zero or below the smallest normal number of the data type
 *       is never divided by it: its output is exactly zero. Without noise management {@code alpha = 1}.</li>
 *   <li><b>DAC</b>: {@link Quantizer} of {@code inputBits} over {@code [-inputBound, inputBound]}; with
 *       {@code inputQuantization} off the DAC is ideal (no clipping, no rounding).</li>
 *   <li><b>Short-term read noise</b> (aihwkit PCM_READ weight noise, DESIGN.md §3): {@code y_i += sigma_w
 *       sqrt(sum_j |w_ij| x_j^2) xi_i}, computed with a second matrix product of {@code x^2} and {@code |W|}.</li>
 *   <li><b>Output noise</b>: {@code y_i += outputNoise xi'_i} (normalised output units, before the ADC).</li>
 *   <li><b>ADC</b>: {@link Quantizer} of {@code outputBits} over {@code [-outputBound, outputBound]}; with
 *       {@code outputQuantization} off there is no ADC (no clipping, no rounding, no saturation).</li>
 *   <li><b>Bound management</b> (aihwkit {@code BoundManagementType.ITERATIVE}), per row: if any output of a row
 *       reaches {@code ±outputBound} before the ADC, that row is read again with {@code alpha} doubled (its
 *       input halved) and fresh noise, at most {@code maxBoundManagementRounds} times; only saturated rows are
 *       re-read. The result of a row never depends on its batch-mates.</li>
 * </ol>
 * <b>Noise keys.</b> Round {@code r} of tile {@code k} draws its noise for the whole batch from
 * {@code KeyedRandom.key(noiseKey, k, r, 0)} (read noise) and {@code key(noiseKey, k, r, 1)} (output noise),
 * shape [batch, nOut]; a row uses its own row of these draws. So for a given batch size and row index, a row's
 * result is a pure function of (noiseKey, the row, the weights), whatever the other rows hold.
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
        INDArray w = checkShapes(x, normalisedWeights);
        checkFinite(x);
        long nIn = x.columns();
        int tileSize = config.tileSize();
        long tiles = (nIn + tileSize - 1) / tileSize;
        long[] counters = new long[2];
        INDArray y = null;
        for (long k = 0; k < tiles; k++) {
            INDArray xs = x;
            INDArray ws = w;
            if (tiles > 1) {
                long start = k * tileSize;
                long end = Math.min(nIn, start + tileSize);
                xs = x.get(NDArrayIndex.all(), NDArrayIndex.interval(start, end));
                ws = w.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            }
            INDArray part = readTile(xs, ws, noiseKey, k, counters);
            y = y == null ? part : y.addi(part);
        }
        lastReadRounds = counters[0];
        lastRereadRows = counters[1];
        return y;
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

    private INDArray readTile(INDArray xs, INDArray ws, long noiseKey, long tile, long[] counters) {
        int batch = (int) xs.rows();
        double[] alpha = new double[batch];
        if (config.noiseManagement()) {
            double[] absMax = xs.amax(1).toDoubleVector();
            double smallest = smallestNormal(xs.dataType());
            for (int i = 0; i < batch; i++) {
                alpha[i] = absMax[i] >= smallest ? absMax[i] : 0.0;
            }
        } else {
            Arrays.fill(alpha, 1.0);
        }
        INDArray absW = config.readNoise() > 0 ? Transforms.abs(ws, true) : null;
        boolean checkSaturation = config.boundManagement() && config.outputQuantization()
                && config.maxBoundManagementRounds() > 0;
        boolean[] saturated = checkSaturation ? new boolean[batch] : null;
        INDArray y = readOnce(xs, ws, absW, alpha, null, batch, KeyedRandom.key(noiseKey, tile, 0), saturated);
        if (!checkSaturation) {
            return y;
        }
        int[] pending = saturatedRows(saturated, alpha, null);
        int round = 0;
        while (pending.length > 0 && round < config.maxBoundManagementRounds()) {
            round++;
            double factor = Math.scalb(1.0, round);
            double[] scaled = new double[pending.length];
            for (int i = 0; i < pending.length; i++) {
                scaled[i] = alpha[pending[i]] * factor;
            }
            boolean[] stillSaturated = new boolean[pending.length];
            INDArray sub = readOnce(xs.getRows(pending), ws, absW, scaled, pending, batch,
                    KeyedRandom.key(noiseKey, tile, round), stillSaturated);
            for (int i = 0; i < pending.length; i++) {
                y.putRow(pending[i], sub.getRow(i));
            }
            counters[1] += pending.length;
            pending = saturatedRows(stillSaturated, scaled, pending);
        }
        counters[0] = Math.max(counters[0], round);
        return y;
    }

    /**
     * One read of some rows.
     *
     * @param xRows     the rows' inputs [k, nTile]
     * @param alpha     per row scale (0 = zero row)
     * @param rows      the rows' indices in the batch, or null for all rows in order
     * @param batch     the batch size (shape of the noise draws)
     * @param roundKey  key of this tile and round
     * @param saturated filled with true where a row reached the ADC bound, or null if not needed
     * @return the rows' outputs [k, nOut], scaled back by alpha
     */
    private INDArray readOnce(INDArray xRows, INDArray ws, INDArray absW, double[] alpha, int[] rows, int batch,
                              long roundKey, boolean[] saturated) {
        DataType type = xRows.dataType();
        int k = alpha.length;
        boolean allOne = true;
        double[] inverse = new double[k];
        for (int i = 0; i < k; i++) {
            inverse[i] = alpha[i] > 0 ? 1.0 / alpha[i] : 0.0;
            allOne &= alpha[i] == 1.0;
        }
        INDArray xq;
        if (!allOne) {
            xq = xRows.mulColumnVector(column(inverse, type));
        } else {
            xq = config.inputQuantization() ? xRows.dup() : xRows;
        }
        if (config.inputQuantization()) {
            dac.quantizeInPlace(xq);
        }
        INDArray y = xq.mmul(ws);
        long nOut = y.columns();
        if (absW != null) {
            INDArray spread = xq.mul(xq).mmul(absW);
            Transforms.sqrt(spread, false);
            INDArray xi = select(KeyedRandom.gaussian(KeyedRandom.key(roundKey, 0), type, batch, nOut), rows);
            y.addi(spread.muli(xi).muli(config.readNoise()));
        }
        if (config.outputNoise() > 0) {
            INDArray xi = select(KeyedRandom.gaussian(KeyedRandom.key(roundKey, 1), type, batch, nOut), rows);
            y.addi(xi.muli(config.outputNoise()));
        }
        if (config.outputQuantization()) {
            if (saturated != null) {
                double[] rowMax = y.amax(1).toDoubleVector();
                for (int i = 0; i < k; i++) {
                    saturated[i] = rowMax[i] >= adc.bound();
                }
            }
            adc.quantizeInPlace(y);
        }
        if (!allOne) {
            y.muliColumnVector(column(alpha, type));
        }
        return y;
    }

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

    private static INDArray select(INDArray draw, int[] rows) {
        return rows == null ? draw : draw.getRows(rows);
    }

    private static INDArray column(double[] values, DataType type) {
        return Nd4j.create(values, new long[]{values.length, 1}, type);
    }

    private static double smallestNormal(DataType type) {
        switch (type) {
            case DOUBLE:
                return Double.MIN_NORMAL;
            case HALF:
                return 6.103515625e-5;
            case BFLOAT16:
            case FLOAT:
            default:
                return Float.MIN_NORMAL;
        }
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
                    throw new IllegalArgumentException("input holds a non-finite value " + v[i][j] + " at (row "
                            + i + ", column " + j + "); analog inputs must be finite");
                }
            }
        }
    }
}
