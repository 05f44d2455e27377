package org.dl4jmortal.spi.device;

/** The two kinds of crosspoint of DESIGN.md §3 ("State: two kinds of crosspoint"). */
public enum CrosspointKind {
    /** A unipolar pair {@code g+, g-} programmed to targets (PCM): weight {@code (g+ - g-) * wScale}. */
    PROGRAMMED_PAIR,
    /** One bipolar weight-like state {@code w} in {@code [wMin, wMax]} moved by pulses (in-place training). */
    PULSED
}
