package org.dl4jmortal.spi.chip;

import java.time.Duration;

/**
 * The simulated clock of a chip (DESIGN.md §2, §3): drift and accumulated 1/f noise depend on the time since
 * programming (or since the last in-place update), and the chip is a pure function of its seed, its programmed
 * state and this time.
 */
public interface SimulatedTime {

    /** @return seconds since the end of programming (or of the last in-place update), {@code >= 0} */
    double secondsSinceProgramming();

    /**
     * Moves the clock forward.
     *
     * @param duration non-negative duration
     * @throws IllegalArgumentException if negative
     */
    void advance(Duration duration);

    /**
     * Sets the time since programming directly (the command line's {@code --at}).
     *
     * @param seconds time since programming in seconds, finite and {@code >= 0}
     * @throws IllegalArgumentException if negative, NaN or infinite
     */
    void setSecondsSinceProgramming(double seconds);
}
