package org.dl4jmortal.analog.conf;

import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Names of an analog layer's parameters in DL4J's flat parameter view, and the training rules for them
 * (DESIGN.md, DL4J notes: device state follows BatchNormalization's template: NoOp updater, no regularisation).
 * <p>
 * Programmed-pair layers hold, for {@code nIn x nOut} crosspoints: {@code gPlus}, {@code gMinus} (programmed
 * conductances, units of {@code gMax}), {@code nuPlus}, {@code nuMinus} (drift exponents), {@code faultPlus},
 * {@code faultMinus} (0 healthy, 1 stuck at 0, 2 stuck at {@code gMax}), {@code wScale} {@code [1, nOut]} (the
 * weight that maps to {@code gMax}), {@code state} {@code [1, 4]} (time since programming as a float pair
 * hi + lo in seconds, programming count, GDC reference, in-place update count) and the digital bias {@code b}
 * {@code [1, nOut]}.
 * <p>
 * Pulsed-device layers hold {@code w} {@code [nIn, nOut]} (the device states, device units), {@code wScale},
 * {@code state} and {@code b}; their device-to-device variation is drawn from the layer seed, not stored. With
 * Tiki-Taka (aihwkit {@code TransferCompound}) they also hold the fast array {@code wFast} {@code [nIn, nOut]}.
 */
public final class AnalogParams {
    /** Programmed conductance of the positive device, {@code [nIn, nOut]}, units of gMax. */
    public static final String G_PLUS = "gPlus";
    /** Programmed conductance of the negative device, {@code [nIn, nOut]}, units of gMax. */
    public static final String G_MINUS = "gMinus";
    /** Drift exponent of the positive device, {@code [nIn, nOut]}. */
    public static final String NU_PLUS = "nuPlus";
    /** Drift exponent of the negative device, {@code [nIn, nOut]}. */
    public static final String NU_MINUS = "nuMinus";
    /** Fault code of the positive device, {@code [nIn, nOut]}. */
    public static final String FAULT_PLUS = "faultPlus";
    /** Fault code of the negative device, {@code [nIn, nOut]}. */
    public static final String FAULT_MINUS = "faultMinus";
    /** Weight value mapped to gMax, per output column, {@code [1, nOut]}. */
    public static final String W_SCALE = "wScale";
    /** Chip state, {@code [1, STATE_SIZE]}. */
    public static final String STATE = "state";
    /** Digital bias, {@code [1, nOut]} (exact, trained by DL4J's updater like any bias). */
    public static final String BIAS = "b";

    /** Index in {@link #STATE}: high float part of the time since programming (seconds). */
    public static final int STATE_TIME_HI = 0;
    /** Index in {@link #STATE}: low float part of the time since programming (seconds). */
    public static final int STATE_TIME_LO = 1;
    /** Index in {@link #STATE}: number of programming operations so far. */
    public static final int STATE_PROGRAM_COUNT = 2;
    /** Index in {@link #STATE}: global drift compensation reference {@code mean |y|} measured after programming. */
    public static final int STATE_GDC_REFERENCE = 3;
    /** Index in {@link #STATE}: number of in-place (pulsed) updates so far; keys the pulse trains. */
    public static final int STATE_UPDATE_COUNT = 4;
    /** Length of {@link #STATE}. */
    public static final int STATE_SIZE = 5;
    /** Device state of a pulsed crosspoint, {@code [nIn, nOut]}, device units in {@code [wMin, wMax]}. */
    public static final String W_DEVICE = "w";

    /**
     * Device state of the Tiki-Taka fast array {@code A} (Gokmen &amp; Haensch 2020), {@code [nIn, nOut]}, device units
     * in {@code [wMin, wMax]}; present only when the layer's update settings switch Tiki-Taka on.
     */
    public static final String W_FAST = "wFast";

    /** Every parameter key of a programmed-pair layer, in flat-view order. */
    public static final List<String> PROGRAMMED_PAIR_KEYS =
            List.of(G_PLUS, G_MINUS, NU_PLUS, NU_MINUS, FAULT_PLUS, FAULT_MINUS, W_SCALE, STATE, BIAS);

    /** Every parameter key of a pulsed-device layer trained by plain pulsed SGD, in flat-view order. */
    public static final List<String> PULSED_KEYS = List.of(W_DEVICE, W_SCALE, STATE, BIAS);

    /** Every parameter key of a pulsed-device layer trained by Tiki-Taka, in flat-view order. */
    public static final List<String> TIKI_TAKA_KEYS = List.of(W_DEVICE, W_FAST, W_SCALE, STATE, BIAS);

    /**
     * @param kind     the device's crosspoint kind
     * @param tikiTaka whether a pulsed layer trains by Tiki-Taka (ignored for programmed pairs)
     * @return the parameter keys of such a layer, in flat-view order (bias last)
     */
    public static List<String> keys(org.dl4jmortal.spi.device.CrosspointKind kind, boolean tikiTaka) {
        if (kind != org.dl4jmortal.spi.device.CrosspointKind.PULSED) {
            return PROGRAMMED_PAIR_KEYS;
        }
        return tikiTaka ? TIKI_TAKA_KEYS : PULSED_KEYS;
    }

    private AnalogParams() {
    }

    /**
     * @param key a parameter key
     * @return true for device state (never touched by DL4J's updater), false for the digital bias
     */
    public static boolean isDeviceState(String key) {
        return !BIAS.equals(key);
    }

    static IUpdater updaterFor(String key, IUpdater weightUpdater, IUpdater biasUpdater) {
        if (isDeviceState(key)) {
            return new NoOp();
        }
        return biasUpdater != null ? biasUpdater : weightUpdater;
    }

    static List<Regularization> regularizationFor(String key, List<Regularization> biasRegularization) {
        if (isDeviceState(key) || biasRegularization == null) {
            return List.of();
        }
        return biasRegularization;
    }
}
