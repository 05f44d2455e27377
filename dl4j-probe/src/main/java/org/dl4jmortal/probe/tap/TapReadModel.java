package org.dl4jmortal.probe.tap;

import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How one tap is read (DESIGN.md §4): additive Gaussian read noise, then an ADC, on top of whatever the model
 * produces at that tap. Both are off by default ({@link #OFF}): a digital network's taps are then read exactly.
 * Immutable value; build with {@link #builder()}.
 * <p>
 * Per row: {@code y = ADC(x + noiseStd * xi)} with {@code xi ~ N(0, 1)} drawn from
 * {@link KeyedRandom} under the key {@code (seed, "tap/<name>/read-noise", row)}, so a row's reading depends only
 * on the seed, the tap and the row's position in the source data, never on its batch-mates.
 * <p>
 * ADC (aihwkit {@code UniformQuantize}, as DESIGN.md §3 states for the periphery): {@code b} bits over
 * {@code [-bound, bound]} give {@code 2^b - 2} steps of {@code step = 2 bound / (2^b - 2)}; a value is clipped to
 * {@code [-bound, bound]} and rounded to the nearest multiple of {@code step} (ties away from zero, ND4J's
 * {@code round}). The levels are {@code k * step} for {@code |k| <= 2^(b-1) - 1}.
 *
 * @param adcBits  converter resolution in bits, {@code 0} (no ADC) or {@code 2..24}
 * @param adcBound converter range {@code [-adcBound, adcBound]} in the tap's own units; ignored when
 *                 {@code adcBits == 0}
 * @param noiseStd standard deviation of the additive Gaussian read noise in the tap's units, {@code >= 0}
 */
public record TapReadModel(int adcBits, double adcBound, double noiseStd) {

    /** Exact reading: no noise, no ADC. */
    public static final TapReadModel OFF = new TapReadModel(0, 0.0, 0.0);

    /**
     * @throws IllegalArgumentException if the bits are not 0 or in 2..24, the bound is not finite and positive while
     *                                  an ADC is on, or the noise std is negative or not finite
     */
    public TapReadModel {
        if (adcBits != 0 && (adcBits < 2 || adcBits > 24)) {
            throw new IllegalArgumentException("tap ADC bits must be 0 (off) or 2..24, got " + adcBits);
        }
        if (adcBits != 0 && !(adcBound > 0 && Double.isFinite(adcBound))) {
            throw new IllegalArgumentException("tap ADC bound must be finite and > 0 when the ADC is on, got " + adcBound);
        }
        if (!(noiseStd >= 0 && Double.isFinite(noiseStd))) {
            throw new IllegalArgumentException("tap read noise std must be finite and >= 0, got " + noiseStd);
        }
        if (adcBits == 0) {
            adcBound = 0.0;
        }
    }

    /** @return a builder starting from {@link #OFF} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return true if this model changes nothing (no noise, no ADC) */
    public boolean isOff() {
        return adcBits == 0 && noiseStd == 0.0;
    }

    /** @return the ADC step {@code 2 bound / (2^b - 2)} in the tap's units, or 0 when the ADC is off */
    public double adcStep() {
        return adcBits == 0 ? 0.0 : 2.0 * adcBound / ((1L << adcBits) - 2);
    }

    /**
     * Applies the read model to tap values.
     *
     * @param values   tap values {@code [n, width]}; not modified
     * @param seed     the reading's seed
     * @param tapName  the tap's name (part of the noise key)
     * @param firstRow position of the first row in the source data (part of the noise key), {@code >= 0}
     * @return {@code values} itself when {@link #isOff()}, else a new array {@code [n, width]} of the same type
     * @throws IllegalArgumentException if {@code values} is not rank 2 or {@code firstRow} is negative
     */
    public INDArray apply(INDArray values, long seed, String tapName, long firstRow) {
        if (values.rank() != 2) {
            throw new IllegalArgumentException("tap values must be [n, width], got shape "
                    + java.util.Arrays.toString(values.shape()));
        }
        if (firstRow < 0) {
            throw new IllegalArgumentException("first row must be >= 0, got " + firstRow);
        }
        if (isOff()) {
            return values;
        }
        INDArray out = values.dup('c');
        if (noiseStd > 0) {
            long rows = out.size(0);
            long width = out.size(1);
            String label = "tap/" + tapName + "/read-noise";
            for (long r = 0; r < rows; r++) {
                INDArray xi = KeyedRandom.gaussian(KeyedRandom.key(seed, label, firstRow + r), DataType.DOUBLE, 1, width);
                out.getRow(r, true).addi(xi.muli(noiseStd).castTo(out.dataType()));
            }
        }
        if (adcBits != 0) {
            double step = adcStep();
            double maxLevel = (1L << (adcBits - 1)) - 1;
            INDArray k = Transforms.round(out.divi(step), false);
            Transforms.min(k, maxLevel, false);
            Transforms.max(k, -maxLevel, false);
            out = k.muli(step);
        }
        return out;
    }

    /** Builder for {@link TapReadModel}; starts with everything off. */
    public static final class Builder {
        private int adcBits;
        private double adcBound;
        private double noiseStd;

        private Builder() {
        }

        /**
         * @param bits  converter bits, 2..24 (0 switches the ADC off)
         * @param bound converter range {@code [-bound, bound]} in the tap's units
         * @return this builder
         */
        public Builder adc(int bits, double bound) {
            this.adcBits = bits;
            this.adcBound = bound;
            return this;
        }

        /**
         * @param std additive Gaussian read noise std in the tap's units, {@code >= 0}
         * @return this builder
         */
        public Builder noiseStd(double std) {
            this.noiseStd = std;
            return this;
        }

        /**
         * @return the read model
         * @throws IllegalArgumentException as the record's constructor
         */
        public TapReadModel build() {
            return new TapReadModel(adcBits, adcBound, noiseStd);
        }
    }
}
