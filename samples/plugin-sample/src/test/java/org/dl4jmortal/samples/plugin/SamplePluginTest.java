package org.dl4jmortal.samples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dl4jmortal.analog.device.DeviceSettings;
import org.dl4jmortal.analog.periphery.PeripheryConfig;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginException;
import org.dl4jmortal.spi.plugin.PluginInfo;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.junit.jupiter.api.Test;

/** Registration through META-INF/services, and the device's fit with the simulator's own settings. */
class SamplePluginTest {

    @Test
    void serviceLoaderFindsBothPluginsBesideTheBuiltInOnes() {
        MortalRegistry r = MortalRegistry.global();
        assertTrue(r.get(PluginKind.DEVICE, "ag-asi") instanceof AgaSiDeviceModel);
        assertTrue(r.get(PluginKind.EXPORTER, "jsonl") instanceof JsonLinesExporter);
        assertTrue(r.names(PluginKind.DEVICE).contains("soft-bounds"), "built-in devices stay installed");
        for (PluginInfo i : r.plugins()) {
            if (i.name().equals("ag-asi") || i.name().equals("jsonl")) {
                assertEquals(SamplePlugin.class.getName(), i.plugin());
                assertEquals(SamplePlugin.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
                        i.source());
            }
        }
    }

    @Test
    void theSimulatorAcceptsTheDeviceAndItsPeripheryDefaults() {
        for (String key : new AgaSiDeviceModel().peripheryDefaults().keySet()) {
            assertTrue(PeripheryConfig.defaults().has(key), key + " is a periphery parameter");
        }
        DeviceSettings s = DeviceSettings.resolve("ag-asi", Map.of("outputBits", 8.0, "cycleToCycle", 0.01));
        assertEquals(0.0, s.periphery().readNoise());
        assertEquals(8, s.periphery().outputBits());
        assertEquals(0.01, s.deviceParameters().get("cycleToCycle"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.resolve("ag-asi", Map.of("dwMin", 0.01)));
        assertTrue(e.getMessage().contains("'dwMin'") && e.getMessage().contains("aUp"), e.getMessage());
    }

    @Test
    void theSameJarTwiceIsAClashNotASilentPick() {
        PluginException e = assertThrows(PluginException.class,
                () -> MortalRegistry.of(new SamplePlugin(), new SamplePlugin()));
        assertTrue(e.getMessage().contains("'ag-asi'") && e.getMessage().contains("remove one of the jars"),
                e.getMessage());
    }
}
