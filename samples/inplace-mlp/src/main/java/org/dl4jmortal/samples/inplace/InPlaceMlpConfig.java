package org.dl4jmortal.samples.inplace;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the sample trains, checked once. Immutable.
 *
 * @param device          a pulsed device's registered name ({@code soft-bounds}, {@code reram-es}, ...; see
 *                        {@code ./mortal plugins --kind device})
 * @param hidden          widths of the hidden layers, each {@code >= 1} (the demo's MLP: 256, 128)
 * @param epochs          passes over the training images, {@code >= 1}
 * @param batch           images per minibatch, {@code >= 1}
 * @param learningRate    SGD learning rate of the first epoch, {@code > 0}: mapped to pulse probabilities by the
 *                        analog layers (Gokmen &amp; Vlasov 2016), and the step of the digital biases
 * @param learningRateDecay factor applied to the learning rate after every epoch, in {@code (0, 1]}
 * @param trainPerClass   training images per class taken from the data (the first ones in file order), {@code >= 1}
 * @param testPerClass    test images per class, {@code >= 1}
 * @param data            {@code embedded} (the subset shipped with mortal-cli), {@code full} (Debian's package) or
 *                        a folder with the four IDX files
 * @param seed            seed of the initial weights, the shuffling and every device draw
 * @param out             folder for {@code model.zip}
 */
public record InPlaceMlpConfig(String device, List<Integer> hidden, int epochs, int batch, double learningRate,
                               double learningRateDecay, int trainPerClass, int testPerClass, String data, long seed,
                               Path out) {

    /**
     * @throws IllegalArgumentException if a value is outside its range (the message names it and the range)
     * @throws NullPointerException     if the device, hidden widths, data or output folder is null
     */
    public InPlaceMlpConfig {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("--hidden needs one or more layer widths >= 1, got " + hidden);
        }
        positive("--epochs", epochs);
        positive("--batch", batch);
        positive("--train-per-class", trainPerClass);
        positive("--test-per-class", testPerClass);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + learningRate);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("--lr-decay must lie in (0, 1], got " + learningRateDecay);
        }
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
    }
}
