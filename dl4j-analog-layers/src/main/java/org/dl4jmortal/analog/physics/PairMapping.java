package org.dl4jmortal.analog.physics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Maps weights onto a programmed unipolar pair of conductances and back (DESIGN.md §3, "State: two kinds of
 * crosspoint", kind (a)). A positive weight sets {@code g+ = w / wScale} and {@code g- = 0}, a negative one the
 * reverse; the effective weight is {@code (g+ - g-) * wScale}. This is aihwkit's single-pair conductance
 * converter ({@code aihwkit.inference.converter.conductance.SinglePairConductanceConverter}).
 * <p>
 * Conductances are normalised to {@code gMax} (so they lie in [0, 1]); {@code wScale} is the weight value that
 * maps to {@code gMax}, one per output column ([1, nOut]). All methods are pure: inputs are never modified and
 * results are new arrays of the input's data type.
 */
public final class PairMapping {

    private PairMapping() {
    }

    /**
     * Per-column mapping scale: {@code wScale_j = max_i |w_ij|}, so the largest weight of every column uses the
     * full conductance range. A column of zeros gets the scale 1.0 (nothing ever divides by zero).
     *
     * @param weights weights, shape [nIn, nOut], finite
     * @return wScale, shape [1, nOut], every entry > 0, same data type as {@code weights}
     * @throws IllegalArgumentException if {@code weights} is not a non-empty matrix or holds NaN/infinite values
     */
    public static INDArray columnScale(INDArray weights) {
        checkWeights(weights);
        INDArray max = weights.amax(0).reshape(1, weights.columns());
        return replaceZerosByOne(max);
    }

    /**
     * Layer-wide mapping scale: every column gets the global {@code max |w|} (zero matrix: 1.0).
     *
     * @param weights weights, shape [nIn, nOut], finite
     * @return wScale, shape [1, nOut], all entries equal and > 0, same data type as {@code weights}
     * @throws IllegalArgumentException if {@code weights} is not a non-empty matrix or holds NaN/infinite values
     */
    public static INDArray layerScale(INDArray weights) {
        checkWeights(weights);
        double max = weights.amaxNumber().doubleValue();
        return Nd4j.valueArrayOf(new long[]{1, weights.columns()}, max > 0 ? max : 1.0, weights.dataType());
    }

    /**
     * Conductance targets of the pair: {@code g+ = clip(w / wScale, 0, 1)}, {@code g- = clip(-w / wScale, 0, 1)}.
     *
     * @param weights weights, shape [nIn, nOut]
     * @param wScale  mapping scale, shape [1, nOut], every entry finite and > 0
     * @return {@code {gPlusTarget, gMinusTarget}}, each [nIn, nOut], in units of {@code gMax}, in [0, 1]
     * @throws IllegalArgumentException if shapes do not match or a scale is not finite and positive
     */
    public static INDArray[] targets(INDArray weights, INDArray wScale) {
        checkWeights(weights);
        checkScale(wScale, weights.columns());
        INDArray ratio = weights.divRowVector(castLike(wScale, weights));
        INDArray minus = ratio.neg();
        INDArray plus = Transforms.min(Transforms.max(ratio, 0.0, false), 1.0, false);
        Transforms.min(Transforms.max(minus, 0.0, false), 1.0, false);
        return new INDArray[]{plus, minus};
    }

    /**
     * Effective weights of a pair: {@code (g+ - g-) * wScale}, the scale broadcast per column.
     *
     * @param gPlus  conductances of the positive devices, [nIn, nOut], units of {@code gMax}
     * @param gMinus conductances of the negative devices, [nIn, nOut], units of {@code gMax}
     * @param wScale mapping scale, [1, nOut]
     * @return weights, [nIn, nOut], data type of {@code gPlus}
     * @throws IllegalArgumentException if the shapes differ
     */
    public static INDArray weights(INDArray gPlus, INDArray gMinus, INDArray wScale) {
        if (gPlus.rank() != 2 || !gPlus.equalShapes(gMinus)) {
            throw new IllegalArgumentException("gPlus and gMinus must be matrices of one shape [nIn, nOut], got "
                    + java.util.Arrays.toString(gPlus.shape()) + " and " + java.util.Arrays.toString(gMinus.shape()));
        }
        checkScale(wScale, gPlus.columns());
        INDArray diff = gPlus.sub(castLike(gMinus, gPlus));
        return diff.muliRowVector(castLike(wScale, gPlus));
    }

    static INDArray castLike(INDArray a, INDArray like) {
        DataType t = like.dataType();
        return a.dataType() == t ? a : a.castTo(t);
    }

    private static INDArray replaceZerosByOne(INDArray max) {
        INDArray zero = max.eq(0.0).castTo(max.dataType());
        return max.addi(zero);
    }

    private static void checkWeights(INDArray weights) {
        if (weights == null || weights.rank() != 2 || weights.length() == 0) {
            throw new IllegalArgumentException("weights must be a non-empty matrix [nIn, nOut], got "
                    + (weights == null ? "null" : java.util.Arrays.toString(weights.shape())));
        }
        double sum = weights.sumNumber().doubleValue();
        if (!Double.isFinite(sum) && (weights.isNaN().any() || weights.isInfinite().any())) {
            throw new IllegalArgumentException("weights hold NaN or infinite values; only finite weights can be mapped");
        }
    }

    private static void checkScale(INDArray wScale, long nOut) {
        if (wScale == null || wScale.length() != nOut || wScale.rank() != 2 || wScale.rows() != 1) {
            throw new IllegalArgumentException("wScale must have shape [1, " + nOut + "], got "
                    + (wScale == null ? "null" : java.util.Arrays.toString(wScale.shape())));
        }
        double min = wScale.minNumber().doubleValue();
        double max = wScale.maxNumber().doubleValue();
        if (!(min > 0) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("every wScale entry must be finite and > 0, got min " + min
                    + ", max " + max);
        }
    }
}
