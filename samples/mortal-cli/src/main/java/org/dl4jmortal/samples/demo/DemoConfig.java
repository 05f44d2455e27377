package org.dl4jmortal.samples.demo;

import java.util.Arrays;
import org.dl4jmortal.samples.io.Durations;

/**
 * Settings of the demo ({@link DemoJob}). Immutable; build with {@link #builder()}. Defaults: seed 42, 10 epochs,
 * batch 64, Adam learning rate 1e-3, 5 read-noise repeats, times 1 s, 1 h, 1 d, 30 d, 1 y, all images.
 */
public final class DemoConfig {
    /** The times since programming of the drift table, in seconds: 1 s, 1 h, 1 d, 30 d, 365 d. */
    public static final double[] DEFAULT_TIMES = {1, Durations.HOUR, Durations.DAY, 30 * Durations.DAY,
        Durations.YEAR};

    private final long seed;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final int repeats;
    private final double[] timesSeconds;
    private final int trainPerClass;
    private final int testPerClass;

    private DemoConfig(Builder b) {
        this.seed = b.seed;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.repeats = b.repeats;
        this.timesSeconds = b.timesSeconds.clone();
        this.trainPerClass = b.trainPerClass;
        this.testPerClass = b.testPerClass;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return seed of the network initialisation, the shuffling and the chip */
    public long seed() {
        return seed;
    }

    /** @return training epochs */
    public int epochs() {
        return epochs;
    }

    /** @return training batch size (rows) */
    public int batchSize() {
        return batchSize;
    }

    /** @return Adam learning rate */
    public double learningRate() {
        return learningRate;
    }

    /** @return read-noise draws per time */
    public int repeats() {
        return repeats;
    }

    /** @return times since programming, seconds */
    public double[] timesSeconds() {
        return timesSeconds.clone();
    }

    /** @return training images per class to use (the first ones in file order), 0 for all */
    public int trainPerClass() {
        return trainPerClass;
    }

    /** @return test images per class to use, 0 for all */
    public int testPerClass() {
        return testPerClass;
    }

    @Override
    public String toString() {
        return "DemoConfig{seed=" + seed + ", epochs=" + epochs + ", batchSize=" + batchSize + ", learningRate="
                + learningRate + ", repeats=" + repeats + ", timesSeconds=" + Arrays.toString(timesSeconds)
                + ", trainPerClass=" + trainPerClass + ", testPerClass=" + testPerClass + "}";
    }

    /** Builder of {@link DemoConfig}; every setter checks its value. */
    public static final class Builder {
        private long seed = 42;
        private int epochs = 10;
        private int batchSize = 64;
        private double learningRate = DigitalMlp.DEFAULT_LEARNING_RATE;
        private int repeats = 5;
        private double[] timesSeconds = DEFAULT_TIMES.clone();
        private int trainPerClass;
        private int testPerClass;

        private Builder() {
        }

        /**
         * @param seed any 64-bit value
         * @return this
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param epochs {@code >= 1}
         * @return this
         * @throws IllegalArgumentException if smaller
         */
        public Builder epochs(int epochs) {
            this.epochs = atLeast("epochs", epochs, 1);
            return this;
        }

        /**
         * @param batchSize {@code >= 1}
         * @return this
         * @throws IllegalArgumentException if smaller
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = atLeast("batchSize", batchSize, 1);
            return this;
        }

        /**
         * @param learningRate finite, {@code > 0}
         * @return this
         * @throws IllegalArgumentException otherwise
         */
        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /**
         * @param repeats read-noise draws per time, {@code >= 1}
         * @return this
         * @throws IllegalArgumentException if smaller
         */
        public Builder repeats(int repeats) {
            this.repeats = atLeast("repeats", repeats, 1);
            return this;
        }

        /**
         * @param timesSeconds non-empty, finite, {@code >= 0}, strictly increasing
         * @return this
         * @throws IllegalArgumentException otherwise, naming the first bad value
         */
        public Builder timesSeconds(double... timesSeconds) {
            if (timesSeconds.length == 0) {
                throw new IllegalArgumentException("timesSeconds must not be empty");
            }
            for (int i = 0; i < timesSeconds.length; i++) {
                double t = timesSeconds[i];
                if (!(t >= 0) || !Double.isFinite(t) || (i > 0 && t <= timesSeconds[i - 1])) {
                    throw new IllegalArgumentException("timesSeconds[" + i + "] = " + t
                            + "; times must be finite, >= 0 and strictly increasing");
                }
            }
            this.timesSeconds = timesSeconds.clone();
            return this;
        }

        /**
         * @param trainPerClass training images per class (first in file order), {@code >= 0}, 0 for all
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder trainPerClass(int trainPerClass) {
            this.trainPerClass = atLeast("trainPerClass", trainPerClass, 0);
            return this;
        }

        /**
         * @param testPerClass test images per class (first in file order), {@code >= 0}, 0 for all
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder testPerClass(int testPerClass) {
            this.testPerClass = atLeast("testPerClass", testPerClass, 0);
            return this;
        }

        /** @return the configuration */
        public DemoConfig build() {
            return new DemoConfig(this);
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
            }
            return value;
        }
    }
}
