package org.dl4jmortal.analog.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;

/** Helpers of the pulsed-device tests. */
final class PulsedTestSupport {
    private PulsedTestSupport() {
    }

    /** @return overrides switching off every device-to-device spread and the cycle-to-cycle noise */
    static Map<String, Double> noVariation() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("dwMinDtod", 0.0);
        m.put("dwMinStd", 0.0);
        m.put("wMinDtod", 0.0);
        m.put("wMaxDtod", 0.0);
        m.put("upDownDtod", 0.0);
        return m;
    }

    static Map<String, Double> with(Map<String, Double> base, Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    static ParameterSet parameters(DeviceModel device, Map<String, Double> overrides) {
        return device.defaultParameters().withAll(overrides);
    }

    static PulsedDevicePhysics physics(DeviceModel device, Map<String, Double> overrides) {
        return device.pulsedPhysics(parameters(device, overrides)).orElseThrow();
    }

    /** @return every pulsed device installed in the global registry, in registry order */
    static List<DeviceModel> installedPulsedDevices() {
        MortalRegistry registry = MortalRegistry.global();
        List<DeviceModel> devices = new ArrayList<>();
        for (String name : registry.names(PluginKind.DEVICE)) {
            DeviceModel device = registry.get(PluginKind.DEVICE, name);
            if (device.crosspointKind() == CrosspointKind.PULSED) {
                devices.add(device);
            }
        }
        return devices;
    }
}
