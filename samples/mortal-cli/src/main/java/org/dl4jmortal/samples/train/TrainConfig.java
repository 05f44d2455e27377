package org.dl4jmortal.samples.train;

import java.util.Map;
import org.dl4jmortal.analog.device.DeviceSettings;
import org.dl4jmortal.spi.device.CrosspointKind;

/**
 * Settings of {@link TrainJob}. Immutable.
 *
 * @param device       device name (a pulsed device for in-place training; a programmed one such as {@code pcm} for
 *                     hardware-aware training)
 * @param mode         {@link #IN_PLACE} or {@link #HARDWARE_AWARE}
 * @param overrides    device, periphery and update parameter overrides
 * @param epochs       training epochs, {@code >= 1}
 * @param batch        minibatch size, {@code >= 1}
 * @param learningRate SGD learning rate, {@code > 0}
 * @param learningRateDecay multiplicative decay of the learning rate per epoch, in (0, 1] (1 = constant)
 * @param weightNoise  hardware-aware weight noise relative to the column max |w|
 * @param hwaEpochs    epochs of hardware-aware fine-tuning after the digital training, {@code >= 1}
 * @param hwaLearningRate Adam learning rate of the hardware-aware fine-tuning, {@code > 0}
 * @param seed         seed of every draw
 */
public record TrainConfig(String device, String mode, Map<String, Double> overrides, int epochs, int batch,
                          double learningRate, double learningRateDecay, double weightNoise, int hwaEpochs,
                          double hwaLearningRate, long seed) {
    /** In-place (mortal) training of a pulsed device. */
    public static final String IN_PLACE = "in-place";
    /** Hardware-aware training of a digital network, then programming. */
    public static final String HARDWARE_AWARE = "hardware-aware";
    /** Default SGD learning rate of in-place training (the command line's {@code --lr} default). */
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    /** Default learning-rate factor per epoch (the command line's {@code --lr-decay} default). */
    public static final double DEFAULT_LEARNING_RATE_DECAY = 0.8;
    /** Default hardware-aware weight noise, relative to each column's max |w| ({@code --weight-noise}). */
    public static final double DEFAULT_WEIGHT_NOISE = 0.08;
    /** Default epochs of hardware-aware fine-tuning ({@code --hwa-epochs}). */
    public static final int DEFAULT_HWA_EPOCHS = 3;
    /** Default Adam learning rate of hardware-aware fine-tuning ({@code --hwa-lr}): a tenth of the digital recipe's. */
    public static final double DEFAULT_HWA_LEARNING_RATE = 1e-4;

    /**
     * @throws IllegalArgumentException naming the bad value and what is allowed, also for an unknown device
     *                                  ({@link org.dl4jmortal.spi.plugin.PluginException}) or a bad override
     */
    public TrainConfig {
        overrides = Map.copyOf(overrides);
        if (!mode.equals(IN_PLACE) && !mode.equals(HARDWARE_AWARE)) {
            throw new IllegalArgumentException("--mode must be in-place or hardware-aware, got '" + mode + "'");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + learningRate);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("--lr-decay must lie in (0, 1], got " + learningRateDecay);
        }
        if (!(weightNoise >= 0 && weightNoise <= 1)) {
            throw new IllegalArgumentException("--weight-noise must lie in [0, 1], got " + weightNoise);
        }
        if (hwaEpochs < 1) {
            throw new IllegalArgumentException("--hwa-epochs must be >= 1, got " + hwaEpochs);
        }
        if (!(hwaLearningRate > 0) || Double.isInfinite(hwaLearningRate)) {
            throw new IllegalArgumentException("--hwa-lr must be a finite number > 0, got " + hwaLearningRate);
        }
        // resolve the device with the overrides now, so that an unknown device or parameter, or a value out of its
        // range, is refused before any training (the digital network trains first)
        DeviceSettings settings = DeviceSettings.resolve(device, overrides);
        if (settings.device().crosspointKind() == CrosspointKind.PULSED) {
            settings.update();
        }
    }
}
