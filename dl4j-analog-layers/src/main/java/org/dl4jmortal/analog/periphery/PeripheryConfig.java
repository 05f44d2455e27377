package org.dl4jmortal.analog.periphery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.ParameterSpec;

/**
 * The peripheral circuits of an analog tile (DESIGN.md §3 "Peripheral circuits" and "Tiles"): DAC and ADC
 * resolution and range, output and short-term read noise, noise and bound management, tile size and global
 * drift compensation. Immutable; build with {@link #builder()} or {@link #from(ParameterSet)}.
 * <p>
 * Defaults are aihwkit's {@code IOParameters} (inp_res = 1/(2^7 - 2), inp_bound = 1, out_res = 1/(2^9 - 2),
 * out_bound = 12, out_noise = 0.06, noise management ABS_MAX, bound management ITERATIVE) and, for the read
 * noise, the PCM_READ weight noise 0.0175 of the hardware-aware training preset of Rasch et al., Nat. Commun.
 * 14:5282 (2023). Switches are 0 (off) or 1 (on) in a {@link ParameterSet}.
 */
public final class PeripheryConfig {
    /** Parameter name: DAC resolution in bits. */
    public static final String INPUT_BITS = "inputBits";
    /** Parameter name: DAC range {@code [-inputBound, inputBound]} (normalised input units). */
    public static final String INPUT_BOUND = "inputBound";
    /** Parameter name: switch of the DAC quantization. */
    public static final String INPUT_QUANTIZATION = "inputQuantization";
    /** Parameter name: ADC resolution in bits. */
    public static final String OUTPUT_BITS = "outputBits";
    /** Parameter name: ADC range {@code [-outputBound, outputBound]} (normalised output units). */
    public static final String OUTPUT_BOUND = "outputBound";
    /** Parameter name: switch of the ADC (clipping and quantization). */
    public static final String OUTPUT_QUANTIZATION = "outputQuantization";
    /** Parameter name: std of the additive output noise (normalised output units). */
    public static final String OUTPUT_NOISE = "outputNoise";
    /** Parameter name: {@code sigma_w} of the short-term read noise. */
    public static final String READ_NOISE = "readNoise";
    /** Parameter name: switch of noise management (abs-max input scaling per row). */
    public static final String NOISE_MANAGEMENT = "noiseManagement";
    /** Parameter name: switch of bound management (iterative input halving per saturated row). */
    public static final String BOUND_MANAGEMENT = "boundManagement";
    /** Parameter name: most re-reads of bound management. */
    public static final String MAX_BOUND_MANAGEMENT_ROUNDS = "maxBoundManagementRounds";
    /** Parameter name: tile size (inputs per tile). */
    public static final String TILE_SIZE = "tileSize";
    /** Parameter name: switch of global drift compensation. */
    public static final String DRIFT_COMPENSATION = "driftCompensation";

    private static final ParameterSet DEFAULTS = ParameterSet.ofDefaults(List.of(
            new ParameterSpec(INPUT_BITS, 7, 2, 24, "bits",
                    "DAC resolution: 2^b - 2 steps over [-inputBound, inputBound] (aihwkit IOParameters.inp_res = 1/(2^7-2))"),
            new ParameterSpec(INPUT_BOUND, 1.0, 1e-9, 1e9, "normalised input",
                    "DAC range (aihwkit IOParameters.inp_bound)"),
            new ParameterSpec(INPUT_QUANTIZATION, 1, 0, 1, "switch",
                    "1 = clip and quantize inputs with the DAC, 0 = ideal DAC (no clipping, no rounding)"),
            new ParameterSpec(OUTPUT_BITS, 9, 2, 24, "bits",
                    "ADC resolution: 2^b - 2 steps over [-outputBound, outputBound] (aihwkit IOParameters.out_res = 1/(2^9-2))"),
            new ParameterSpec(OUTPUT_BOUND, 12.0, 1e-9, 1e9, "normalised output",
                    "ADC range (aihwkit IOParameters.out_bound)"),
            new ParameterSpec(OUTPUT_QUANTIZATION, 1, 0, 1, "switch",
                    "1 = clip and quantize outputs with the ADC, 0 = no ADC (no clipping, no rounding)"),
            new ParameterSpec(OUTPUT_NOISE, 0.06, 0, 1e3, "normalised output",
                    "std of additive Gaussian output noise before the ADC (aihwkit IOParameters.out_noise)"),
            new ParameterSpec(READ_NOISE, 0.0175, 0, 1e3, "1",
                    "sigma_w of short-term read noise y_i += sigma_w sqrt(sum_j |w_ij| x_j^2) xi_i (aihwkit PCM_READ; Rasch et al. 2023 preset)"),
            new ParameterSpec(NOISE_MANAGEMENT, 1, 0, 1, "switch",
                    "1 = scale each input row by its abs-max before the DAC (aihwkit NoiseManagementType.ABS_MAX)"),
            new ParameterSpec(BOUND_MANAGEMENT, 1, 0, 1, "switch",
                    "1 = re-read a saturated row with halved input (aihwkit BoundManagementType.ITERATIVE)"),
            new ParameterSpec(MAX_BOUND_MANAGEMENT_ROUNDS, 10, 0, 64, "rounds",
                    "most re-reads of one row by bound management (aihwkit IOParameters.max_bm_factor = 2^10)"),
            new ParameterSpec(TILE_SIZE, 512, 1, 1 << 20, "inputs",
                    "inputs per tile; larger layers span several tiles with their own converters, summed digitally"),
            new ParameterSpec(DRIFT_COMPENSATION, 1, 0, 1, "switch",
                    "1 = global drift compensation of the outputs (aihwkit GlobalDriftCompensation)")));

    private final int inputBits;
    private final double inputBound;
    private final boolean inputQuantization;
    private final int outputBits;
    private final double outputBound;
    private final boolean outputQuantization;
    private final double outputNoise;
    private final double readNoise;
    private final boolean noiseManagement;
    private final boolean boundManagement;
    private final int maxBoundManagementRounds;
    private final int tileSize;
    private final boolean driftCompensation;

    private PeripheryConfig(Builder b) {
        this.inputBits = b.inputBits;
        this.inputBound = b.inputBound;
        this.inputQuantization = b.inputQuantization;
        this.outputBits = b.outputBits;
        this.outputBound = b.outputBound;
        this.outputQuantization = b.outputQuantization;
        this.outputNoise = b.outputNoise;
        this.readNoise = b.readNoise;
        this.noiseManagement = b.noiseManagement;
        this.boundManagement = b.boundManagement;
        this.maxBoundManagementRounds = b.maxBoundManagementRounds;
        this.tileSize = b.tileSize;
        this.driftCompensation = b.driftCompensation;
    }

    /**
     * @return the periphery parameters with their published defaults, units, ranges and sources
     */
    public static ParameterSet defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the published defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param p a parameter set holding (at least) every periphery parameter of {@link #defaults()}, e.g. the union
     *          of device and periphery parameters
     * @return the config
     * @throws IllegalArgumentException if a periphery parameter is missing (lists the known ones), out of range,
     *                                  or not a whole number where one is needed (bits, rounds, tile size)
     */
    public static PeripheryConfig from(ParameterSet p) {
        Objects.requireNonNull(p, "parameters");
        return builder()
                .inputBits(p.getInt(INPUT_BITS))
                .inputBound(p.get(INPUT_BOUND))
                .inputQuantization(p.isOn(INPUT_QUANTIZATION))
                .outputBits(p.getInt(OUTPUT_BITS))
                .outputBound(p.get(OUTPUT_BOUND))
                .outputQuantization(p.isOn(OUTPUT_QUANTIZATION))
                .outputNoise(p.get(OUTPUT_NOISE))
                .readNoise(p.get(READ_NOISE))
                .noiseManagement(p.isOn(NOISE_MANAGEMENT))
                .boundManagement(p.isOn(BOUND_MANAGEMENT))
                .maxBoundManagementRounds(p.getInt(MAX_BOUND_MANAGEMENT_ROUNDS))
                .tileSize(p.getInt(TILE_SIZE))
                .driftCompensation(p.isOn(DRIFT_COMPENSATION))
                .build();
    }

    /** @return this config as periphery parameters (switches as 0/1), in the order of {@link #defaults()} */
    public ParameterSet toParameterSet() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put(INPUT_BITS, (double) inputBits);
        v.put(INPUT_BOUND, inputBound);
        v.put(INPUT_QUANTIZATION, on(inputQuantization));
        v.put(OUTPUT_BITS, (double) outputBits);
        v.put(OUTPUT_BOUND, outputBound);
        v.put(OUTPUT_QUANTIZATION, on(outputQuantization));
        v.put(OUTPUT_NOISE, outputNoise);
        v.put(READ_NOISE, readNoise);
        v.put(NOISE_MANAGEMENT, on(noiseManagement));
        v.put(BOUND_MANAGEMENT, on(boundManagement));
        v.put(MAX_BOUND_MANAGEMENT_ROUNDS, (double) maxBoundManagementRounds);
        v.put(TILE_SIZE, (double) tileSize);
        v.put(DRIFT_COMPENSATION, on(driftCompensation));
        return DEFAULTS.withAll(v);
    }

    /** @return a builder initialised with this config's values */
    public Builder toBuilder() {
        return builder().inputBits(inputBits).inputBound(inputBound).inputQuantization(inputQuantization)
                .outputBits(outputBits).outputBound(outputBound).outputQuantization(outputQuantization)
                .outputNoise(outputNoise).readNoise(readNoise).noiseManagement(noiseManagement)
                .boundManagement(boundManagement).maxBoundManagementRounds(maxBoundManagementRounds)
                .tileSize(tileSize).driftCompensation(driftCompensation);
    }

    private static double on(boolean b) {
        return b ? 1.0 : 0.0;
    }

    /** @return DAC resolution in bits, in [2, 24] */
    public int inputBits() {
        return inputBits;
    }

    /** @return DAC range bound (> 0, normalised input units) */
    public double inputBound() {
        return inputBound;
    }

    /** @return true if inputs are clipped and quantized by the DAC (else neither: an ideal DAC) */
    public boolean inputQuantization() {
        return inputQuantization;
    }

    /** @return ADC resolution in bits, in [2, 24] */
    public int outputBits() {
        return outputBits;
    }

    /** @return ADC range bound (> 0, normalised output units) */
    public double outputBound() {
        return outputBound;
    }

    /** @return true if outputs are clipped and quantized by the ADC (else neither) */
    public boolean outputQuantization() {
        return outputQuantization;
    }

    /** @return std of the additive output noise, normalised output units, >= 0 */
    public double outputNoise() {
        return outputNoise;
    }

    /** @return {@code sigma_w} of the short-term read noise, >= 0 (0 = off) */
    public double readNoise() {
        return readNoise;
    }

    /** @return true if each input row is scaled by its abs-max before the DAC */
    public boolean noiseManagement() {
        return noiseManagement;
    }

    /** @return true if saturated rows are re-read with halved input */
    public boolean boundManagement() {
        return boundManagement;
    }

    /** @return the most re-reads of one row by bound management, in [0, 64] */
    public int maxBoundManagementRounds() {
        return maxBoundManagementRounds;
    }

    /** @return inputs per tile, in [1, 2^20] */
    public int tileSize() {
        return tileSize;
    }

    /** @return true if global drift compensation is applied (by the layer or chip) */
    public boolean driftCompensation() {
        return driftCompensation;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PeripheryConfig c)) {
            return false;
        }
        return inputBits == c.inputBits && Double.compare(inputBound, c.inputBound) == 0
                && inputQuantization == c.inputQuantization && outputBits == c.outputBits
                && Double.compare(outputBound, c.outputBound) == 0 && outputQuantization == c.outputQuantization
                && Double.compare(outputNoise, c.outputNoise) == 0 && Double.compare(readNoise, c.readNoise) == 0
                && noiseManagement == c.noiseManagement && boundManagement == c.boundManagement
                && maxBoundManagementRounds == c.maxBoundManagementRounds && tileSize == c.tileSize
                && driftCompensation == c.driftCompensation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputBits, inputBound, inputQuantization, outputBits, outputBound, outputQuantization,
                outputNoise, readNoise, noiseManagement, boundManagement, maxBoundManagementRounds, tileSize,
                driftCompensation);
    }

    @Override
    public String toString() {
        return "PeripheryConfig" + toParameterSet();
    }

    /**
     * Fluent builder starting from the published defaults; every setter checks its value against the range of
     * {@link #defaults()}.
     */
    public static final class Builder {
        private int inputBits = DEFAULTS.getInt(INPUT_BITS);
        private double inputBound = DEFAULTS.get(INPUT_BOUND);
        private boolean inputQuantization = DEFAULTS.isOn(INPUT_QUANTIZATION);
        private int outputBits = DEFAULTS.getInt(OUTPUT_BITS);
        private double outputBound = DEFAULTS.get(OUTPUT_BOUND);
        private boolean outputQuantization = DEFAULTS.isOn(OUTPUT_QUANTIZATION);
        private double outputNoise = DEFAULTS.get(OUTPUT_NOISE);
        private double readNoise = DEFAULTS.get(READ_NOISE);
        private boolean noiseManagement = DEFAULTS.isOn(NOISE_MANAGEMENT);
        private boolean boundManagement = DEFAULTS.isOn(BOUND_MANAGEMENT);
        private int maxBoundManagementRounds = DEFAULTS.getInt(MAX_BOUND_MANAGEMENT_ROUNDS);
        private int tileSize = DEFAULTS.getInt(TILE_SIZE);
        private boolean driftCompensation = DEFAULTS.isOn(DRIFT_COMPENSATION);

        private Builder() {
        }

        private static double check(String name, double v) {
            return DEFAULTS.spec(name).check(v);
        }

        /**
         * @param bits DAC bits, in [2, 24]
         * @return this builder
         * @throws IllegalArgumentException if outside [2, 24]
         */
        public Builder inputBits(int bits) {
            this.inputBits = (int) check(INPUT_BITS, bits);
            return this;
        }

        /**
         * @param bound DAC range, in [1e-9, 1e9]
         * @return this builder
         * @throws IllegalArgumentException if out of range or NaN
         */
        public Builder inputBound(double bound) {
            this.inputBound = check(INPUT_BOUND, bound);
            return this;
        }

        /**
         * @param on clip and quantize inputs (else neither)
         * @return this builder
         */
        public Builder inputQuantization(boolean on) {
            this.inputQuantization = on;
            return this;
        }

        /**
         * @param bits ADC bits, in [2, 24]
         * @return this builder
         * @throws IllegalArgumentException if outside [2, 24]
         */
        public Builder outputBits(int bits) {
            this.outputBits = (int) check(OUTPUT_BITS, bits);
            return this;
        }

        /**
         * @param bound ADC range, in [1e-9, 1e9]
         * @return this builder
         * @throws IllegalArgumentException if out of range or NaN
         */
        public Builder outputBound(double bound) {
            this.outputBound = check(OUTPUT_BOUND, bound);
            return this;
        }

        /**
         * @param on clip and quantize outputs (else neither)
         * @return this builder
         */
        public Builder outputQuantization(boolean on) {
            this.outputQuantization = on;
            return this;
        }

        /**
         * @param std output noise std, in [0, 1000], normalised output units
         * @return this builder
         * @throws IllegalArgumentException if out of range or NaN
         */
        public Builder outputNoise(double std) {
            this.outputNoise = check(OUTPUT_NOISE, std);
            return this;
        }

        /**
         * @param sigma read noise {@code sigma_w}, in [0, 1000]
         * @return this builder
         * @throws IllegalArgumentException if out of range or NaN
         */
        public Builder readNoise(double sigma) {
            this.readNoise = check(READ_NOISE, sigma);
            return this;
        }

        /**
         * @param on abs-max noise management
         * @return this builder
         */
        public Builder noiseManagement(boolean on) {
            this.noiseManagement = on;
            return this;
        }

        /**
         * @param on iterative bound management
         * @return this builder
         */
        public Builder boundManagement(boolean on) {
            this.boundManagement = on;
            return this;
        }

        /**
         * @param rounds most re-reads, in [0, 64]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxBoundManagementRounds(int rounds) {
            this.maxBoundManagementRounds = (int) check(MAX_BOUND_MANAGEMENT_ROUNDS, rounds);
            return this;
        }

        /**
         * @param inputs inputs per tile, in [1, 2^20]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder tileSize(int inputs) {
            this.tileSize = (int) check(TILE_SIZE, inputs);
            return this;
        }

        /**
         * @param on global drift compensation
         * @return this builder
         */
        public Builder driftCompensation(boolean on) {
            this.driftCompensation = on;
            return this;
        }

        /**
         * Switches off every non-ideality of the periphery: quantization, noise, noise and bound management and
         * drift compensation (the result reads exactly {@code x W}).
         *
         * @return this builder
         */
        public Builder allOff() {
            return inputQuantization(false).outputQuantization(false).outputNoise(0).readNoise(0)
                    .noiseManagement(false).boundManagement(false).driftCompensation(false);
        }

        /** @return the config */
        public PeripheryConfig build() {
            return new PeripheryConfig(this);
        }
    }
}
