package org.dl4jmortal.spi.distill;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a distillation (DESIGN.md §4), an immutable value built with {@link #builder()}. Defaults, stated in the
 * help and every report: temperature {@value #DEFAULT_TEMPERATURE}, alpha {@value #DEFAULT_ALPHA} (Hinton, Vinyals
 * &amp; Dean 2015: {@code L = alpha T^2 KL(p_t^T || p_s^T) + (1 - alpha) CE(y, p_s)}), {@value #DEFAULT_EPOCHS}
 * epochs of minibatches of {@value #DEFAULT_BATCH_SIZE} rows, teacher outputs queried once per transfer example and
 * cached ({@code requery} false), hints weighted {@value #DEFAULT_HINT_WEIGHT}.
 */
public final class DistillationSettings {
    /** Default temperature T. */
    public static final double DEFAULT_TEMPERATURE = 4.0;
    /** Default weight alpha of the soft term. */
    public static final double DEFAULT_ALPHA = 0.9;
    /** Default number of epochs over the transfer set. */
    public static final int DEFAULT_EPOCHS = 10;
    /** Default minibatch size (rows). */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** Default rows per teacher query call. */
    public static final int DEFAULT_QUERY_BATCH = 500;
    /** Default weight of each hint's MSE. */
    public static final double DEFAULT_HINT_WEIGHT = 1.0;

    private final double temperature;
    private final double alpha;
    private final int epochs;
    private final int batchSize;
    private final int queryBatch;
    private final long seed;
    private final boolean requery;
    private final Map<String, String> hints;
    private final double hintWeight;

    private DistillationSettings(Builder b) {
        if (!(b.temperature > 0) || Double.isInfinite(b.temperature)) {
            throw new IllegalArgumentException("temperature T must be a finite number > 0, got " + b.temperature);
        }
        if (!(b.alpha >= 0 && b.alpha <= 1)) {
            throw new IllegalArgumentException("alpha must lie in [0, 1] (the weight of the soft term; 1 - alpha "
                    + "weighs the hard labels), got " + b.alpha);
        }
        if (b.epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + b.epochs);
        }
        if (b.batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + b.batchSize);
        }
        if (b.queryBatch < 1) {
            throw new IllegalArgumentException("query batch must be >= 1 rows, got " + b.queryBatch);
        }
        if (!(b.hintWeight >= 0) || Double.isInfinite(b.hintWeight)) {
            throw new IllegalArgumentException("hint weight must be a finite number >= 0, got " + b.hintWeight);
        }
        this.temperature = b.temperature;
        this.alpha = b.alpha;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.queryBatch = b.queryBatch;
        this.seed = b.seed;
        this.requery = b.requery;
        this.hints = Collections.unmodifiableMap(new LinkedHashMap<>(b.hints));
        this.hintWeight = b.hintWeight;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return new Builder().temperature(temperature).alpha(alpha).epochs(epochs).batchSize(batchSize)
                .queryBatch(queryBatch).seed(seed).requery(requery).hints(hints).hintWeight(hintWeight);
    }

    /** @return temperature T of the soft targets, {@code > 0} */
    public double temperature() {
        return temperature;
    }

    /** @return weight alpha of the soft term, in {@code [0, 1]} */
    public double alpha() {
        return alpha;
    }

    /** @return epochs over the transfer set */
    public int epochs() {
        return epochs;
    }

    /** @return minibatch rows */
    public int batchSize() {
        return batchSize;
    }

    /** @return rows per teacher query call */
    public int queryBatch() {
        return queryBatch;
    }

    /** @return seed of the minibatch order (and of anything else the method draws) */
    public long seed() {
        return seed;
    }

    /**
     * @return true to query the teacher afresh every epoch (exposing the student to the teacher's read noise; costs
     *         one query per transfer row per epoch), false to query once and cache
     */
    public boolean requery() {
        return requery;
    }

    /** @return hint mapping student layer to teacher tap, in order; empty means the method's default */
    public Map<String, String> hints() {
        return hints;
    }

    /** @return weight of each hint's MSE */
    public double hintWeight() {
        return hintWeight;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistillationSettings s && s.temperature == temperature && s.alpha == alpha
                && s.epochs == epochs && s.batchSize == batchSize && s.queryBatch == queryBatch && s.seed == seed
                && s.requery == requery && s.hints.equals(hints) && s.hintWeight == hintWeight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(temperature, alpha, epochs, batchSize, queryBatch, seed, requery, hints, hintWeight);
    }

    @Override
    public String toString() {
        return "DistillationSettings{T=" + temperature + ", alpha=" + alpha + ", epochs=" + epochs + ", batch="
                + batchSize + ", queryBatch=" + queryBatch + ", seed=" + seed + ", requery=" + requery + ", hints="
                + hints + ", hintWeight=" + hintWeight + "}";
    }

    /** Builder of {@link DistillationSettings}; {@link #build()} checks every value. */
    public static final class Builder {
        private double temperature = DEFAULT_TEMPERATURE;
        private double alpha = DEFAULT_ALPHA;
        private int epochs = DEFAULT_EPOCHS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int queryBatch = DEFAULT_QUERY_BATCH;
        private long seed = 42L;
        private boolean requery;
        private Map<String, String> hints = new LinkedHashMap<>();
        private double hintWeight = DEFAULT_HINT_WEIGHT;

        private Builder() {
        }

        /** @param v temperature T, finite and {@code > 0} @return this */
        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        /** @param v alpha in {@code [0, 1]} @return this */
        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        /** @param v epochs, {@code >= 1} @return this */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** @param v minibatch rows, {@code >= 1} @return this */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** @param v rows per teacher query call, {@code >= 1} @return this */
        public Builder queryBatch(int v) {
            queryBatch = v;
            return this;
        }

        /** @param v seed @return this */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @param v re-query the teacher every epoch @return this */
        public Builder requery(boolean v) {
            requery = v;
            return this;
        }

        /** @param v student layer to teacher tap, in order (copied) @return this */
        public Builder hints(Map<String, String> v) {
            hints = new LinkedHashMap<>(Objects.requireNonNull(v, "hints"));
            return this;
        }

        /** @param v weight of each hint's MSE, finite and {@code >= 0} @return this */
        public Builder hintWeight(double v) {
            hintWeight = v;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException if a value is out of range (names it, the value and what is allowed)
         */
        public DistillationSettings build() {
            return new DistillationSettings(this);
        }
    }
}
