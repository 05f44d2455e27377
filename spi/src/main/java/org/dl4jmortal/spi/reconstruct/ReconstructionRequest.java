package org.dl4jmortal.spi.reconstruct;

import java.util.Optional;

/**
 * What a {@link WeightReconstructor} is asked to do: an immutable value built with {@link #builder()}.
 * Options a method does not use are ignored by it (each method's Javadoc lists the ones it reads).
 */
public final class ReconstructionRequest {
    /** Probe designs of the least-squares method (DESIGN.md §4). */
    public enum Design {
        /** Random sparse Rademacher rows: each input is {@code ±amplitude} with probability {@code density}, else 0. */
        RADEMACHER,
        /** Rows of a Sylvester Hadamard matrix ({@code ±amplitude}, dense), columns {@code 1..nIn}. */
        HADAMARD
    }

    /** Difference schemes of the finite-difference method. */
    public enum Differences {
        /** {@code (f(x0 + h e_i) - f(x0)) / h}: {@code nIn + 1} probes per operating point. */
        FORWARD,
        /** {@code (f(x0 + h e_i) - f(x0 - h e_i)) / 2h}: {@code 2 nIn} probes per operating point. */
        CENTRAL
    }

    private final long budget;
    private final double targetError;
    private final long seed;
    private final NoiseModel noiseModel;
    private final Design design;
    private final Differences differences;
    private final double ridge;
    private final int repeats;
    private final double amplitude;
    private final double density;
    private final double step;
    private final boolean dither;

    private ReconstructionRequest(Builder b) {
        this.budget = b.budget;
        this.targetError = b.targetError;
        this.seed = b.seed;
        this.noiseModel = b.noiseModel;
        this.design = b.design;
        this.differences = b.differences;
        this.ridge = b.ridge;
        this.repeats = b.repeats;
        this.amplitude = b.amplitude;
        this.density = b.density;
        this.step = b.step;
        this.dither = b.dither;
    }

    /** @return a builder with the defaults: method-default budget, no target, seed 0, Rademacher, forward differences, no ridge */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the most queries (rows, repeats included) the method may send; 0 = the method's own default */
    public long budget() {
        return budget;
    }

    /** @return the target relative error per layer ({@code ||W_hat - W||_F / ||W||_F}); NaN = none */
    public double targetError() {
        return targetError;
    }

    /** @return the seed of every random draw of the method (probe designs, operating points) */
    public long seed() {
        return seed;
    }

    /** @return the true noise model for the Cramér–Rao bound, if supplied (evaluation runs) */
    public Optional<NoiseModel> noiseModel() {
        return Optional.ofNullable(noiseModel);
    }

    /** @return the least-squares probe design */
    public Design design() {
        return design;
    }

    /** @return the finite-difference scheme */
    public Differences differences() {
        return differences;
    }

    /** @return the ridge parameter {@code lambda >= 0} (relative to the mean diagonal of {@code X^T X}); 0 = none */
    public double ridge() {
        return ridge;
    }

    /** @return reads of every probe row (repeats); 0 = chosen by the method from the budget or target */
    public int repeats() {
        return repeats;
    }

    /** @return probe amplitude in network input units, {@code > 0} */
    public double amplitude() {
        return amplitude;
    }

    /** @return Rademacher density in (0, 1]; 0 = chosen by the method */
    public double density() {
        return density;
    }

    /** @return finite-difference step {@code h} in network input units; 0 = chosen by the method */
    public double step() {
        return step;
    }

    /**
     * @return true (the default) if repeated reads are dithered: each repeat adds a small known offset to the probe
     * rows so that the converters' rounding differs between repeats and averages out below one converter step
     */
    public boolean dither() {
        return dither;
    }

    /** Fluent builder; every setter checks its argument. */
    public static final class Builder {
        private long budget;
        private double targetError = Double.NaN;
        private long seed;
        private NoiseModel noiseModel;
        private Design design = Design.RADEMACHER;
        private Differences differences = Differences.FORWARD;
        private double ridge;
        private int repeats;
        private double amplitude = 1.0;
        private double density;
        private double step;
        private boolean dither = true;

        private Builder() {
        }

        /**
         * @param queries most queries, {@code >= 0} (0 = method default)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder budget(long queries) {
            if (queries < 0) {
                throw new IllegalArgumentException("budget must be >= 0 queries (0 = method default), got " + queries);
            }
            this.budget = queries;
            return this;
        }

        /**
         * @param relError target relative error per layer, in (0, 1), or NaN for none
         * @return this builder
         * @throws IllegalArgumentException if not in (0, 1) and not NaN
         */
        public Builder targetError(double relError) {
            if (!Double.isNaN(relError) && !(relError > 0 && relError < 1)) {
                throw new IllegalArgumentException("target error must be a relative error in (0, 1), got " + relError);
            }
            this.targetError = relError;
            return this;
        }

        /**
         * @param seed seed of the method's random draws
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param noise the true noise (evaluation runs), or null
         * @return this builder
         */
        public Builder noiseModel(NoiseModel noise) {
            this.noiseModel = noise;
            return this;
        }

        /**
         * @param d probe design
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder design(Design d) {
            this.design = java.util.Objects.requireNonNull(d, "design");
            return this;
        }

        /**
         * @param d difference scheme
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder differences(Differences d) {
            this.differences = java.util.Objects.requireNonNull(d, "differences");
            return this;
        }

        /**
         * @param lambda ridge parameter {@code >= 0}, relative to the mean diagonal of {@code X^T X}
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder ridge(double lambda) {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("ridge must be finite and >= 0, got " + lambda);
            }
            this.ridge = lambda;
            return this;
        }

        /**
         * @param r reads per probe row, {@code >= 0} (0 = chosen by the method)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder repeats(int r) {
            if (r < 0) {
                throw new IllegalArgumentException("repeats must be >= 0 (0 = automatic), got " + r);
            }
            this.repeats = r;
            return this;
        }

        /**
         * @param a probe amplitude, finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException otherwise
         */
        public Builder amplitude(double a) {
            if (!(a > 0) || !Double.isFinite(a)) {
                throw new IllegalArgumentException("probe amplitude must be finite and > 0, got " + a);
            }
            this.amplitude = a;
            return this;
        }

        /**
         * @param p Rademacher density in (0, 1], or 0 for automatic
         * @return this builder
         * @throws IllegalArgumentException otherwise
         */
        public Builder density(double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probe density must lie in (0, 1] (0 = automatic), got " + p);
            }
            this.density = p;
            return this;
        }

        /**
         * @param h finite-difference step, finite and {@code >= 0} (0 = automatic)
         * @return this builder
         * @throws IllegalArgumentException otherwise
         */
        public Builder step(double h) {
            if (!(h >= 0) || !Double.isFinite(h)) {
                throw new IllegalArgumentException("finite-difference step must be finite and >= 0 (0 = automatic), got " + h);
            }
            this.step = h;
            return this;
        }

        /**
         * @param on whether repeated reads are dithered (default true)
         * @return this builder
         */
        public Builder dither(boolean on) {
            this.dither = on;
            return this;
        }

        /** @return the request */
        public ReconstructionRequest build() {
            return new ReconstructionRequest(this);
        }
    }
}
