package org.dl4jmortal.spi.chip;

import java.util.Objects;

/**
 * One fully connected layer of a chip to be built by a {@link ChipFactory}: its name, shape, activation and whether
 * it has a (digital) bias. Immutable value.
 *
 * @param name       the layer name; the chip's taps are {@code <name>.pre} and {@code <name>.post} and
 *                   {@link Programmable#program} takes it
 * @param nIn        inputs per row, {@code >= 1}
 * @param nOut       outputs per row, {@code >= 1}
 * @param activation activation in DL4J's lower-case spelling ({@code "relu"}, {@code "softmax"}, ...), as in
 *                   {@link TapPoint#activation()}
 * @param hasBias    whether the layer adds a digital bias
 */
public record LayerDesign(String name, int nIn, int nOut, String activation, boolean hasBias) {

    /**
     * @throws IllegalArgumentException if the name is empty or holds a dot (tap names are {@code <layer>.pre}), or a
     *                                  width is not positive
     * @throws NullPointerException     if the name or activation is null
     */
    public LayerDesign {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(activation, "activation");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("layer name must be non-empty and free of dots (taps are named "
                    + "<layer>.pre / <layer>.post), got '" + name + "'");
        }
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("layer " + name + ": nIn and nOut must be >= 1, got " + nIn + " and "
                    + nOut);
        }
    }

}
