package org.dl4jmortal.analog.physics;

/** Checks of simulated times shared by the drift and 1/f noise functions. */
final class Times {
    private Times() {
    }

    /**
     * @param seconds time since programming
     * @return the same value
     * @throws IllegalArgumentException if negative, NaN or infinite
     */
    static double requireTimeSinceProgramming(double seconds) {
        if (!(seconds >= 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("time since programming must be finite and >= 0 seconds, got " + seconds);
        }
        return seconds;
    }

    /**
     * @param name  parameter name for the message
     * @param value a duration that must be positive
     * @return the same value
     * @throws IllegalArgumentException if not finite and > 0
     */
    static double requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0 seconds, got " + value);
        }
        return value;
    }
}
