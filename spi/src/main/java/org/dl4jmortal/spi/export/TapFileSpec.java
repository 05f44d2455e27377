package org.dl4jmortal.spi.export;

import java.util.Objects;

/**
 * What one tap file holds: rows of {@code width} float32 values, one row per query, optionally paired with the
 * query's input row of {@code inputWidth} values (exporters that write transfer sets, such as {@code dl4j}, store
 * both). Immutable value.
 *
 * @param tapName    the tap's name ({@code <layer>.pre}, {@code <layer>.post} or {@code output}); used in headers
 * @param width      values per row at this tap, {@code > 0}
 * @param inputWidth values per input row of the model, {@code > 0}
 */
public record TapFileSpec(String tapName, int width, int inputWidth) {

    /**
     * @throws NullPointerException     if the tap name is null
     * @throws IllegalArgumentException if the tap name is empty or a width is not positive
     */
    public TapFileSpec {
        Objects.requireNonNull(tapName, "tapName");
        if (tapName.isEmpty()) {
            throw new IllegalArgumentException("tap name must not be empty");
        }
        if (width <= 0 || inputWidth <= 0) {
            throw new IllegalArgumentException("tap file widths must be positive, got width=" + width
                    + " inputWidth=" + inputWidth + " for tap " + tapName);
        }
    }
}
