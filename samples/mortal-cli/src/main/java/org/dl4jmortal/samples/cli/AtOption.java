package org.dl4jmortal.samples.cli;

import java.util.OptionalDouble;
import org.dl4jmortal.samples.io.Durations;
import picocli.CommandLine.Option;

/**
 * The {@code --at DURATION} option (a picocli mixin): the time since programming at which to use a chip, in the
 * forms of {@link Durations} ({@code 1s}, {@code 1h}, {@code 1d}, {@code 30d}, {@code 1y} = 365 days, or plain
 * seconds). Absent: the chip's saved clock.
 */
public final class AtOption {
    @Option(names = "--at", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "time since programming: 1s, 1h, 1d, 30d, 1y (365 days), or plain seconds; "
                    + "default: the chip's saved clock")
    Double atSeconds;

    /** @return seconds since programming, or empty when {@code --at} is absent */
    public OptionalDouble seconds() {
        return atSeconds == null ? OptionalDouble.empty() : OptionalDouble.of(atSeconds);
    }
}
