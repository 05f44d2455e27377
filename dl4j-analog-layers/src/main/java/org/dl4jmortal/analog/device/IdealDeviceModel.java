package org.dl4jmortal.analog.device;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dl4jmortal.analog.periphery.PeripheryConfig;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;

/**
 * The {@code ideal} device: a programmed pair without any non-ideality. Programming is exact, nothing drifts or
 * fluctuates ({@link IdealPhysics}), and its periphery defaults switch off every converter, every noise, noise and
 * bound management and drift compensation, so a layer on it computes exactly {@code x W} (the reference of
 * DESIGN.md §3 and issue 2 item 5). It has no parameters of its own. Stateless and thread-safe.
 */
public final class IdealDeviceModel implements DeviceModel {
    /** Registered name. */
    public static final String NAME = "ideal";

    private static final Map<String, Double> PERIPHERY;

    static {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(PeripheryConfig.READ_NOISE, 0.0);
        m.put(PeripheryConfig.OUTPUT_NOISE, 0.0);
        m.put(PeripheryConfig.INPUT_QUANTIZATION, 0.0);
        m.put(PeripheryConfig.OUTPUT_QUANTIZATION, 0.0);
        m.put(PeripheryConfig.NOISE_MANAGEMENT, 0.0);
        m.put(PeripheryConfig.BOUND_MANAGEMENT, 0.0);
        m.put(PeripheryConfig.DRIFT_COMPENSATION, 0.0);
        PERIPHERY = java.util.Collections.unmodifiableMap(m);
    }

    /** Public no-argument constructor for the plugin registry. */
    public IdealDeviceModel() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "ideal programmed pair: exact programming, no drift, no noise, no converters (reference for x W)";
    }

    @Override
    public CrosspointKind crosspointKind() {
        return CrosspointKind.PROGRAMMED_PAIR;
    }

    /** {@inheritDoc} Empty: the ideal device has no parameters. */
    @Override
    public ParameterSet defaultParameters() {
        return ParameterSet.ofDefaults(List.of());
    }

    /**
     * {@inheritDoc} readNoise, outputNoise, inputQuantization, outputQuantization, noiseManagement,
     * boundManagement and driftCompensation all 0.
     */
    @Override
    public Map<String, Double> peripheryDefaults() {
        return PERIPHERY;
    }

    /** {@inheritDoc} Always {@link IdealPhysics#INSTANCE}. */
    @Override
    public Optional<ProgrammedDevicePhysics> programmedPhysics(ParameterSet parameters) {
        return Optional.of(IdealPhysics.INSTANCE);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
