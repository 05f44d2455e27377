package org.dl4jmortal.analog.device;

import java.util.Map;

/**
 * The {@code exp-step} device: aihwkit's {@code ExpStepDevice} with its defaults (a CMOS-like exponential step fit).
 * <p>
 * Parameters: {@link PulsedParameterSpecs} ({@link PulsedRule#EXP_STEP}). Stateless and thread-safe.
 */
public final class ExpStepDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "exp-step";

    /** Public no-argument constructor for the plugin registry. */
    public ExpStepDeviceModel() {
        super(NAME, "exponential step y = 1 - A exp(+-gamma z) (aihwkit ExpStepDevice defaults)", PulsedRule.EXP_STEP, Map.of(), "aihwkit");
    }
}
