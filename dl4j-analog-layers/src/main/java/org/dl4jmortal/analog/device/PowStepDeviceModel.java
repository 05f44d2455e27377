package org.dl4jmortal.analog.device;

import java.util.Map;

/**
 * The {@code pow-step} device: aihwkit's {@code PowStepDevice} with its defaults (Fusi &amp; Abbott 2007 in aihwkit's shifted form).
 * <p>
 * Parameters: {@link PulsedParameterSpecs} ({@link PulsedRule#POW_STEP}). Stateless and thread-safe.
 */
public final class PowStepDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "pow-step";

    /** Public no-argument constructor for the plugin registry. */
    public PowStepDeviceModel() {
        super(NAME, "power step dwMin (distance to bound / range)^gamma (Fusi & Abbott 2007; aihwkit PowStepDevice defaults)", PulsedRule.POW_STEP, Map.of(), "aihwkit");
    }
}
