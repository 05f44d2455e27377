package org.dl4jmortal.spi.chip;

import java.util.Objects;

/**
 * A named point between layers where activations can be read: {@code <layer>.pre} or {@code <layer>.post}
 * (DESIGN.md §4). Immutable value.
 *
 * @param layerName  the layer's name (or its index as a string where it has none)
 * @param position   before or after the layer's activation
 * @param width      number of values one query row yields at this tap (the layer's {@code nOut})
 * @param activation the layer's activation function name in DL4J's lower-case spelling ({@code "relu"},
 *                   {@code "tanh"}, {@code "sigmoid"}, {@code "identity"}, {@code "softmax"}, ...); tells a
 *                   reconstructor what lies between the {@code .pre} and {@code .post} taps
 * @param hasBias    whether a bias is added between the {@code .pre} tap and the activation
 */
public record TapPoint(String layerName, TapPosition position, int width, String activation, boolean hasBias) {

    /**
     * @throws IllegalArgumentException if the layer name is empty or the width is not positive
     * @throws NullPointerException     if any reference argument is null
     */
    public TapPoint {
        Objects.requireNonNull(layerName, "layerName");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(activation, "activation");
        if (layerName.isEmpty()) {
            throw new IllegalArgumentException("tap layer name must not be empty");
        }
        if (width <= 0) {
            throw new IllegalArgumentException("tap width must be positive, got " + width + " for layer " + layerName);
        }
    }

    /** @return the tap's name, {@code <layer>.pre} or {@code <layer>.post} */
    public String name() {
        return layerName + "." + position.suffix();
    }
}
