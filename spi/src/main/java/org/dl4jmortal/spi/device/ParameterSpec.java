package org.dl4jmortal.spi.device;

import java.util.Objects;

/**
 * One named, described, bounded numeric parameter of a device or of the periphery (the Tribuo style: every
 * tunable is a named, described field).
 *
 * @param name         the key used in configs and on the command line ({@code --set name=value})
 * @param defaultValue the published default
 * @param min          smallest allowed value (inclusive)
 * @param max          largest allowed value (inclusive)
 * @param unit         unit in words ({@code "seconds"}, {@code "bits"}, {@code "gMax"}, {@code "1"})
 * @param description  one line, with the source of the default
 */
public record ParameterSpec(String name, double defaultValue, double min, double max, String unit, String description) {
    /** The unit of an on/off parameter (range [0, 1], only 0 and 1 allowed). */
    public static final String SWITCH_UNIT = "switch";

    /**
     * @throws IllegalArgumentException if the bounds are inverted or the default lies outside them
     */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        if (!(min <= max)) {
            throw new IllegalArgumentException("parameter " + name + ": min " + min + " > max " + max);
        }
        if (!(defaultValue >= min && defaultValue <= max)) {
            throw new IllegalArgumentException("parameter " + name + ": default " + defaultValue
                    + " outside [" + min + ", " + max + "]");
        }
    }

    /**
     * @param value a proposed value
     * @return the value
     * @throws IllegalArgumentException if NaN or outside {@code [min, max]}, or, for a switch (unit
     *                                  {@value #SWITCH_UNIT}, range [0, 1]), neither 0 nor 1; the message names the
     *                                  parameter, the value and what is allowed
     */
    public double check(double value) {
        if (SWITCH_UNIT.equals(unit) && min == 0 && max == 1 && value != 0 && value != 1) {
            throw new IllegalArgumentException(name + "=" + value + " is not allowed: " + name
                    + " is a switch, use 0 (off) or 1 (on) (" + description + ")");
        }
        if (Double.isNaN(value) || value < min || value > max) {
            throw new IllegalArgumentException(name + "=" + value + " is not allowed: " + name + " must lie in ["
                    + min + ", " + max + "] (" + unit + "; " + description + ")");
        }
        return value;
    }
}
