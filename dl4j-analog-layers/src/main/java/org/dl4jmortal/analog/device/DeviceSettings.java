package org.dl4jmortal.analog.device;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dl4jmortal.analog.periphery.PeripheryConfig;
import org.dl4jmortal.analog.update.UpdateConfig;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;

/**
 * The resolved settings of one analog layer: a device model found by name in the plugin registry, its
 * parameters and the periphery configuration. Resolution order: the device's defaults; the periphery defaults
 * ({@link PeripheryConfig#defaults()}) overridden by the device's {@link DeviceModel#peripheryDefaults()}; for
 * pulsed devices the update defaults ({@link UpdateConfig#defaults()}) overridden by the device's
 * {@link DeviceModel#updateDefaults()} (the in-place algorithm); then the user's overrides (configs,
 * {@code --set name=value}). Immutable.
 */
public final class DeviceSettings {
    private final DeviceModel device;
    private final ParameterSet deviceParameters;
    private final PeripheryConfig periphery;
    private final ParameterSet parameters;
    private final Map<String, Double> overrides;
    private final Optional<ProgrammedDevicePhysics> physics;
    private final Optional<PulsedDevicePhysics> pulsedPhysics;

    private DeviceSettings(DeviceModel device, ParameterSet deviceParameters, PeripheryConfig periphery,
                           ParameterSet parameters, Map<String, Double> overrides) {
        this.device = device;
        this.deviceParameters = deviceParameters;
        this.periphery = periphery;
        this.parameters = parameters;
        this.overrides = overrides;
        this.physics = device.programmedPhysics(deviceParameters);
        this.pulsedPhysics = device.pulsedPhysics(deviceParameters);
    }

    /**
     * Resolves through {@link MortalRegistry#global()}.
     *
     * @see #resolve(MortalRegistry, String, Map)
     */
    public static DeviceSettings resolve(String deviceName, Map<String, Double> overrides) {
        return resolve(MortalRegistry.global(), deviceName, overrides);
    }

    /**
     * @param registry   where the device is looked up
     * @param deviceName registered device name, e.g. {@code "pcm"}
     * @param overrides  parameter name to value (device or periphery parameters); may be empty
     * @return the settings
     * @throws org.dl4jmortal.spi.plugin.PluginException if no device of that name is installed (the message lists
     *                                                   the installed devices)
     * @throws IllegalArgumentException                  if an override names an unknown parameter (the message
     *                                                   lists the known ones, and says so when it is an in-place
     *                                                   update setting given to a programmed device), a value is
     *                                                   out of range, or the
     *                                                   stuck-at fractions add up to more than 1
     */
    public static DeviceSettings resolve(MortalRegistry registry, String deviceName, Map<String, Double> overrides) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(deviceName, "deviceName");
        Map<String, Double> user = Collections.unmodifiableMap(new LinkedHashMap<>(
                overrides == null ? Map.of() : overrides));
        DeviceModel device = registry.get(PluginKind.DEVICE, deviceName);
        ParameterSet deviceDefaults = device.defaultParameters();
        ParameterSet peripheryDefaults;
        try {
            peripheryDefaults = PeripheryConfig.defaults().withAll(device.peripheryDefaults());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device '" + deviceName + "' sets a bad periphery default: "
                    + e.getMessage(), e);
        }
        ParameterSet union = deviceDefaults.union(peripheryDefaults);
        if (device.crosspointKind() == CrosspointKind.PULSED) {
            try {
                union = union.union(UpdateConfig.defaults().withAll(device.updateDefaults()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("device '" + deviceName + "' sets a bad update default: "
                        + e.getMessage(), e);
            }
        }
        for (Map.Entry<String, Double> e : user.entrySet()) {
            if (!union.has(e.getKey())) {
                Set<String> known = new LinkedHashSet<>(union.values().keySet());
                String inPlaceOnly = device.crosspointKind() != CrosspointKind.PULSED
                        && UpdateConfig.defaults().has(e.getKey())
                        ? " ('" + e.getKey() + "' is an in-place update setting of pulsed devices; '" + deviceName
                        + "' is a programmed device and is never trained in place)" : "";
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' for device '" + deviceName
                        + "'" + inPlaceOnly + "; known parameters: " + known);
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has no value");
            }
        }
        ParameterSet all = union.withAll(user);
        Map<String, Double> deviceValues = new LinkedHashMap<>();
        for (String name : deviceDefaults.values().keySet()) {
            deviceValues.put(name, all.get(name));
        }
        ParameterSet deviceParameters = deviceDefaults.withAll(deviceValues);
        if (deviceParameters.has(PcmDeviceModel.STUCK_AT_ZERO_FRACTION)
                && deviceParameters.has(PcmDeviceModel.STUCK_AT_GMAX_FRACTION)) {
            double f0 = deviceParameters.get(PcmDeviceModel.STUCK_AT_ZERO_FRACTION);
            double fG = deviceParameters.get(PcmDeviceModel.STUCK_AT_GMAX_FRACTION);
            if (f0 + fG > 1.0) {
                throw new IllegalArgumentException("stuckAtZeroFraction + stuckAtGMaxFraction must be <= 1, got "
                        + f0 + " + " + fG);
            }
        }
        return new DeviceSettings(device, deviceParameters, PeripheryConfig.from(all), all, user);
    }

    /** @return the device model */
    public DeviceModel device() {
        return device;
    }

    /** @return the device's registered name */
    public String deviceName() {
        return device.name();
    }

    /** @return the device's own parameters (defaults with overrides) */
    public ParameterSet deviceParameters() {
        return deviceParameters;
    }

    /** @return the periphery configuration */
    public PeripheryConfig periphery() {
        return periphery;
    }

    /** @return the device's programmed physics, empty for pulsed devices */
    public Optional<ProgrammedDevicePhysics> physics() {
        return physics;
    }

    /** @return the device's pulsed update rule, empty for programmed devices such as {@code pcm} */
    public Optional<PulsedDevicePhysics> pulsedPhysics() {
        return pulsedPhysics;
    }

    /**
     * @return the in-place update settings (bit length, managements, mode)
     * @throws IllegalStateException if the device is not a pulsed device
     */
    public UpdateConfig update() {
        if (device.crosspointKind() != CrosspointKind.PULSED) {
            throw new IllegalStateException("device '" + device.name() + "' is not a pulsed device; it has no update settings");
        }
        return UpdateConfig.from(parameters);
    }

    /** @return the union of device, periphery (and, for pulsed devices, update) parameters in effect */
    public ParameterSet parameters() {
        return parameters;
    }

    /** @return the user's overrides exactly as given (what a config must store to resolve these settings again) */
    public Map<String, Double> overrides() {
        return overrides;
    }

    /** @return true if the device has a {@code drift} parameter and it is on ({@code ideal}: false) */
    public boolean driftOn() {
        return switchOn(PcmDeviceModel.DRIFT);
    }

    /** @return true if the device has a {@code oneOverFNoise} parameter and it is on ({@code ideal}: false) */
    public boolean oneOverFNoiseOn() {
        return switchOn(PcmDeviceModel.ONE_OVER_F_NOISE);
    }

    /** @return the fraction of devices stuck at 0 (0 if the device has no such parameter) */
    public double stuckAtZeroFraction() {
        return valueOrZero(PcmDeviceModel.STUCK_AT_ZERO_FRACTION);
    }

    /** @return the fraction of devices stuck at gMax (0 if the device has no such parameter) */
    public double stuckAtGMaxFraction() {
        return valueOrZero(PcmDeviceModel.STUCK_AT_GMAX_FRACTION);
    }

    /** @return the device-to-device relative std of the programmed conductance (0 if no such parameter) */
    public double conductanceDtod() {
        return valueOrZero(PcmDeviceModel.CONDUCTANCE_DTOD);
    }

    private boolean switchOn(String name) {
        return deviceParameters.has(name) && deviceParameters.isOn(name);
    }

    private double valueOrZero(String name) {
        return deviceParameters.has(name) ? deviceParameters.get(name) : 0.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceSettings d && d.device.name().equals(device.name())
                && d.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device.name(), parameters);
    }

    @Override
    public String toString() {
        return "DeviceSettings[" + device.name() + ", " + parameters + "]";
    }
}
