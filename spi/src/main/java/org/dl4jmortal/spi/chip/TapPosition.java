package org.dl4jmortal.spi.chip;

/**
 * Where a tap sits relative to a layer's activation function (DESIGN.md §4).
 */
public enum TapPosition {
    /** Before the activation. On an analog layer: the periphery's output (ADC output, drift-compensated and
     * scaled back to weight units), before the digital bias and the activation. Suffix {@code .pre}. */
    PRE("pre"),
    /** After the activation: what the next layer receives. Suffix {@code .post}. */
    POST("post");

    private final String suffix;

    TapPosition(String suffix) {
        this.suffix = suffix;
    }

    /** @return the suffix used in tap names, {@code "pre"} or {@code "post"} */
    public String suffix() {
        return suffix;
    }
}
