package org.dl4jmortal.analog.device;

import java.util.Map;

/**
 * The {@code constant-step} device: aihwkit's {@code ConstantStepDevice} with its {@code PulsedDevice} defaults (Gokmen &amp; Vlasov, Front. Neurosci. 10:333, 2016).
 * <p>
 * Parameters: {@link PulsedParameterSpecs} ({@link PulsedRule#CONSTANT_STEP}). Stateless and thread-safe.
 */
public final class ConstantStepDeviceModel extends AbstractPulsedDeviceModel {
    /** Registered name. */
    public static final String NAME = "constant-step";

    /** Public no-argument constructor for the plugin registry. */
    public ConstantStepDeviceModel() {
        super(NAME, "constant step dwMin per pulse, hard bounds (Gokmen & Vlasov 2016; aihwkit ConstantStepDevice defaults)", PulsedRule.CONSTANT_STEP, Map.of(), "aihwkit");
    }
}
