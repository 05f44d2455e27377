package org.dl4jmortal.analog.device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dl4jmortal.analog.periphery.PeripheryConfig;
import org.dl4jmortal.analog.update.UpdateConfig;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;

/**
 * Base of the pulsed device plugins ({@link CrosspointKind#PULSED}): a name, a description with the source, a
 * {@link PulsedRule} and default parameter values (the library's or a preset's). Periphery defaults: aihwkit's
 * default periphery for analog training (the periphery's own defaults: 7-bit DAC, 9-bit ADC, output noise 0.06,
 * noise and bound management on) but without the short-term PCM read noise ({@code readNoise} 0) and without
 * drift compensation ({@code driftCompensation} 0): these devices neither drift nor carry PCM's read-noise model.
 * Stateless and thread-safe.
 */
public abstract class AbstractPulsedDeviceModel implements DeviceModel {
    private static final Map<String, Double> PERIPHERY;

    static {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(PeripheryConfig.READ_NOISE, 0.0);
        m.put(PeripheryConfig.DRIFT_COMPENSATION, 0.0);
        PERIPHERY = java.util.Collections.unmodifiableMap(m);
    }

    private final String name;
    private final String description;
    private final PulsedRule rule;
    private final ParameterSet defaults;

    /**
     * @param name        registered name
     * @param description one line naming the source
     * @param rule        the update rule
     * @param presets     default values that differ from the library's (empty for the generic devices)
     * @param source      where the preset values come from (used in the parameter descriptions)
     * @throws IllegalArgumentException if a preset value names an unknown parameter or is out of range
     */
    protected AbstractPulsedDeviceModel(String name, String description, PulsedRule rule, Map<String, Double> presets,
                                        String source) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.defaults = PulsedParameterSpecs.withDefaults(rule.specs(), presets, source);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** @return {@link CrosspointKind#PULSED} */
    @Override
    public final CrosspointKind crosspointKind() {
        return CrosspointKind.PULSED;
    }

    /** @return the rule this device follows */
    public final PulsedRule rule() {
        return rule;
    }

    @Override
    public final ParameterSet defaultParameters() {
        return defaults;
    }

    /** {@inheritDoc} {@code readNoise} 0 and {@code driftCompensation} 0. */
    @Override
    public final Map<String, Double> peripheryDefaults() {
        return PERIPHERY;
    }

    /**
     * {@inheritDoc} The rule's algorithm ({@link PulsedRule#tikiTakaByDefault()}): {@code tikiTaka} 1 or 0.
     */
    @Override
    public final Map<String, Double> updateDefaults() {
        return Map.of(UpdateConfig.TIKI_TAKA, rule.tikiTakaByDefault() ? 1.0 : 0.0);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a parameter is missing or out of range, {@code dwMin <= 0},
     *                                  {@code wMin >= wMax}, {@code [wMin, wMax]} does not contain 0 strictly, or
     *                                  {@code |upDown| >= 1}; the message names the value and what is allowed
     */
    @Override
    public final Optional<PulsedDevicePhysics> pulsedPhysics(ParameterSet parameters) {
        return Optional.of(rule.physics(Objects.requireNonNull(parameters, "parameters")));
    }

    @Override
    public String toString() {
        return name;
    }
}
