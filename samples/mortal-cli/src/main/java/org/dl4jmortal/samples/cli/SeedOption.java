package org.dl4jmortal.samples.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --seed N} option (a picocli mixin): the seed every random draw of a command derives from
 * (DESIGN.md §2 rule 4). Default 42.
 */
public final class SeedOption {
    /** The default seed. */
    public static final long DEFAULT_SEED = 42L;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "seed of every random draw (default: ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    /** @return the seed */
    public long seed() {
        return seed;
    }
}
