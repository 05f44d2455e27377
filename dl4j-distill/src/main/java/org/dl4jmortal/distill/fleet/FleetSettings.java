package org.dl4jmortal.distill.fleet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a fleet of clones (DESIGN.md §4 "Clones and fleets"), an immutable value. Defaults: device
 * {@value #DEFAULT_DEVICE} (programmed pairs: programming noise and drift), no fine-tuning; when fine-tuning, in-place
 * SGD at learning rate {@value #DEFAULT_FINE_TUNE_LEARNING_RATE} decaying by {@value #DEFAULT_FINE_TUNE_DECAY} per epoch.
 *
 * @param clones               N, clones to program, {@code >= 1}
 * @param device               device model of the fresh chips
 * @param overrides            device and periphery overrides of the fresh chips
 * @param seed                 fleet seed; clone {@code i} gets the chip seed {@code KeyedRandom.key(seed, "clone", i)}
 * @param fineTuneEpochs       epochs of in-place fine-tuning of each clone against the original (0 = none)
 * @param fineTuneLearningRate in-place SGD learning rate, finite and {@code > 0}
 * @param fineTuneDecay        learning-rate factor per fine-tuning epoch, in {@code (0, 1]}
 */
public record FleetSettings(int clones, String device, Map<String, Double> overrides, long seed, int fineTuneEpochs,
                            double fineTuneLearningRate, double fineTuneDecay) {
    /** Default device of the clones. */
    public static final String DEFAULT_DEVICE = "pcm";
    /**
     * Default in-place fine-tuning learning rate (measured on soft-bounds clones of the in-place soft-bounds chip: one
     * epoch at 0.001 raised the mean agreement from 0.9343 to 0.9362; two epochs at 0.01 lowered it to 0.9162, the
     * pulses' noise and the soft bounds' pull towards their symmetry point outweighing what is left to learn).
     */
    public static final double DEFAULT_FINE_TUNE_LEARNING_RATE = 0.001;
    /** Default learning-rate factor per fine-tuning epoch. */
    public static final double DEFAULT_FINE_TUNE_DECAY = 0.8;

    /**
     * @throws IllegalArgumentException if N is below 1, the fine-tuning epochs are negative, or a rate is out of
     *                                  range (names the value and what is allowed)
     * @throws NullPointerException     if the device or overrides are null
     */
    public FleetSettings {
        Objects.requireNonNull(device, "device");
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides")));
        if (clones < 1) {
            throw new IllegalArgumentException("a fleet needs N >= 1 clones, got " + clones);
        }
        if (fineTuneEpochs < 0) {
            throw new IllegalArgumentException("fine-tuning epochs must be >= 0 (0 = no fine-tuning), got "
                    + fineTuneEpochs);
        }
        if (!(fineTuneLearningRate > 0) || Double.isInfinite(fineTuneLearningRate)) {
            throw new IllegalArgumentException("fine-tuning learning rate must be a finite number > 0, got "
                    + fineTuneLearningRate);
        }
        if (!(fineTuneDecay > 0 && fineTuneDecay <= 1)) {
            throw new IllegalArgumentException("fine-tuning learning-rate decay must lie in (0, 1], got "
                    + fineTuneDecay);
        }
    }

    /**
     * @param clones N
     * @param seed   fleet seed
     * @return settings with the defaults
     * @throws IllegalArgumentException if {@code clones < 1}
     */
    public static FleetSettings of(int clones, long seed) {
        return new FleetSettings(clones, DEFAULT_DEVICE, Map.of(), seed, 0, DEFAULT_FINE_TUNE_LEARNING_RATE,
                DEFAULT_FINE_TUNE_DECAY);
    }
}
