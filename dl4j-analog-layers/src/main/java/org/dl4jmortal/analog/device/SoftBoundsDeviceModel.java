package org.dl4jmortal.analog.device;

import java.util.Map;

/**
 * The {@code soft-bounds} device: aihwkit's {@code SoftBoundsDevice}, a LinearStep device with gamma 1 and each device's own bounds: up step {@code dwMin (1 - w/wMax_ij)}, down step {@code dwMin (1 - w/wMin_ij)}.
 * <p>
 * Parameters: {@link PulsedParameterSpecs} ({@link PulsedRule#SOFT_BOUNDS}). Stateless and thread-safe.
 */
public final class SoftBoundsDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "soft-bounds";

    /** Public no-argument constructor for the plugin registry. */
    public SoftBoundsDeviceModel() {
        super(NAME, "soft bounds: step dwMin (1 - w/bound) (aihwkit SoftBoundsDevice defaults)", PulsedRule.SOFT_BOUNDS, Map.of(), "aihwkit");
    }
}
