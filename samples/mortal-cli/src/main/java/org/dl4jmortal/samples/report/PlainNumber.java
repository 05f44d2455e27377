package org.dl4jmortal.samples.report;

import java.math.BigDecimal;

/**
 * Writes a setting the way a person typed it: {@code 0.08}, {@code 0.0001}, {@code 0.8}, rather than
 * {@code %g}'s {@code 0.0800000} or {@code 1.00000e-04}.
 */
public final class PlainNumber {
    private PlainNumber() {
    }

    /**
     * @param value a finite number
     * @return its shortest decimal form without exponent or trailing zeros, e.g. {@code "0.0001"}, {@code "3"}
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static String of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("expected a finite number, got " + value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
