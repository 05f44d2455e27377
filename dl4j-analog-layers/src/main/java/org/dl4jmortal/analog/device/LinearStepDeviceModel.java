package org.dl4jmortal.analog.device;

import java.util.Map;

/**
 * The {@code linear-step} device: aihwkit's {@code LinearStepDevice} with its defaults (gammaUp = gammaDown = 0 with device-to-device spread 0.05, slopes referred to the mean bounds, multiplicative noise).
 * <p>
 * Parameters: {@link PulsedParameterSpecs} ({@link PulsedRule#LINEAR_STEP}). Stateless and thread-safe.
 */
public final class LinearStepDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "linear-step";

    /** Public no-argument constructor for the plugin registry. */
    public LinearStepDeviceModel() {
        super(NAME, "step linear in w, shrinking towards the bounds (aihwkit LinearStepDevice defaults)", PulsedRule.LINEAR_STEP, Map.of(), "aihwkit");
    }
}
