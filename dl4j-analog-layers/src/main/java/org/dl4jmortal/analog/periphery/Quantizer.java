package org.dl4jmortal.analog.periphery;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A uniform converter (DAC or ADC) of {@code b} bits over {@code [-bound, bound]}: {@code 2^b - 2} steps of
 * {@code 2 bound / (2^b - 2)}, so {@code 2^b - 1} levels symmetric around 0 (0 is a level). Values are clipped to
 * the range and rounded to the nearest level (ties to the even level, IEEE 754 {@code rint}, like
 * {@code torch.round} in aihwkit).
 * <p>
 * Source: aihwkit {@code IOParameters.inp_res}/{@code out_res} = {@code 1 / (2^b - 2)} of the full range and
 * its {@code UniformQuantize} (DESIGN.md §3 "Peripheral circuits").
 */
public final class Quantizer {
    /** Smallest allowed resolution in bits. */
    public static final int MIN_BITS = 2;
    /** Largest allowed resolution in bits. */
    public static final int MAX_BITS = 24;

    private final int bits;
    private final double bound;
    private final double step;

    /**
     * @param bits  resolution in bits, in [2, 24]
     * @param bound range bound, finite and > 0 (same units as the values converted)
     * @throws IllegalArgumentException if {@code bits} is outside [2, 24] or {@code bound} not finite and > 0;
     *                                  the message names the value and the allowed range
     */
    public Quantizer(int bits, double bound) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("converter bits=" + bits + " is not allowed: bits must lie in ["
                    + MIN_BITS + ", " + MAX_BITS + "] (a b-bit converter has 2^b - 2 steps, so b >= 2)");
        }
        if (!(bound > 0) || !Double.isFinite(bound)) {
            throw new IllegalArgumentException("converter bound=" + bound
                    + " is not allowed: the bound must be finite and > 0 (range [-bound, bound])");
        }
        this.bits = bits;
        this.bound = bound;
        this.step = 2 * bound / ((1 << bits) - 2);
    }

    /**
     * @param x values, any shape; not modified
     * @return {@code step * round(clip(x, -bound, bound) / step)}, a new array of {@code x}'s shape and data type
     */
    public INDArray quantize(INDArray x) {
        return quantizeInPlace(Objects.requireNonNull(x, "x").dup());
    }

    /**
     * In-place variant of {@link #quantize(INDArray)} for arrays the caller owns (saves one copy).
     *
     * @param x values, any shape; overwritten
     * @return {@code x}
     */
    public INDArray quantizeInPlace(INDArray x) {
        clipInPlace(x);
        x.divi(step);
        Nd4j.getExecutioner().exec(new Rint(x, x));
        return x.muli(step);
    }

    /**
     * Clips in place to {@code [-bound, bound]} without rounding.
     *
     * @param x values, any shape; overwritten
     * @return {@code x}
     */
    public INDArray clipInPlace(INDArray x) {
        Transforms.min(x, bound, false);
        return Transforms.max(x, -bound, false);
    }

    /** @return the step {@code 2 bound / (2^b - 2)} */
    public double step() {
        return step;
    }

    /** @return the number of levels {@code 2^b - 1} */
    public int levels() {
        return (1 << bits) - 1;
    }

    /** @return the resolution in bits */
    public int bits() {
        return bits;
    }

    /** @return the range bound */
    public double bound() {
        return bound;
    }

    @Override
    public String toString() {
        return "Quantizer[" + bits + " bits over [-" + bound + ", " + bound + "], step " + step + "]";
    }
}
