package org.dl4jmortal.analog.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.dl4jmortal.analog.periphery.PeripheryConfig;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.plugin.AbstractMortalPlugin;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginException;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {

    /** A second plugin that registers the name "pcm" again. */
    public static final class ShadowPcmPlugin extends AbstractMortalPlugin {
        @Override
        protected void configure() {
            register(PluginKind.DEVICE, PcmDeviceModel.NAME, PcmDeviceModel.class);
        }
    }

    @Test
    void serviceLoaderFindsPcmAndIdeal() {
        MortalRegistry r = MortalRegistry.global();
        assertTrue(r.names(PluginKind.DEVICE).containsAll(Set.of("ideal", "pcm", "soft-bounds", "constant-step")),
                r.names(PluginKind.DEVICE).toString());
        assertEquals(CrosspointKind.PROGRAMMED_PAIR, r.get(PluginKind.DEVICE, "pcm").crosspointKind());
        assertTrue(r.get(PluginKind.DEVICE, "ideal") instanceof IdealDeviceModel);
    }

    @Test
    void unknownDeviceListsInstalledOnes() {
        PluginException e = assertThrows(PluginException.class, () -> DeviceSettings.resolve("reram", Map.of()));
        assertTrue(e.getMessage().contains("'reram'") && e.getMessage().contains("ideal, ") && e.getMessage().contains("pcm"), e.getMessage());
    }

    @Test
    void duplicateNameAcrossTwoPluginsNamesBoth() {
        PluginException e = assertThrows(PluginException.class,
                () -> MortalRegistry.of(new BuiltInDevicesPlugin(), new ShadowPcmPlugin()));
        assertTrue(e.getMessage().contains("'pcm'") && e.getMessage().contains(BuiltInDevicesPlugin.class.getName())
                && e.getMessage().contains(ShadowPcmPlugin.class.getName()), e.getMessage());
    }

    @Test
    void pcmSettingsCombineDeviceAndPeripheryDefaultsWithOverrides() {
        DeviceSettings s = DeviceSettings.resolve("pcm", Map.of("outputBits", 8.0, "drift", 0.0));
        assertEquals(8, s.periphery().outputBits());
        assertEquals(7, s.periphery().inputBits());
        assertEquals(0.0175, s.periphery().readNoise());
        assertFalse(s.driftOn());
        assertTrue(s.oneOverFNoiseOn());
        assertEquals(25e-6, s.deviceParameters().get("gMax"));
        assertEquals(8.0, s.parameters().get("outputBits"));
        assertEquals(Map.of("outputBits", 8.0, "drift", 0.0), s.overrides());
        assertTrue(s.physics().orElseThrow() instanceof PcmPhysics);
        assertEquals(s, DeviceSettings.resolve("pcm", s.overrides()));
    }

    @Test
    void idealSwitchesThePeripheryOff() {
        DeviceSettings s = DeviceSettings.resolve("ideal", Map.of());
        PeripheryConfig p = s.periphery();
        assertEquals(0.0, p.readNoise());
        assertEquals(0.0, p.outputNoise());
        assertFalse(p.inputQuantization() || p.outputQuantization() || p.noiseManagement() || p.boundManagement()
                || p.driftCompensation());
        assertFalse(s.driftOn() || s.oneOverFNoiseOn());
        assertEquals(0.0, s.stuckAtZeroFraction() + s.stuckAtGMaxFraction() + s.conductanceDtod());
        assertTrue(s.physics().orElseThrow() instanceof IdealPhysics);
        assertEquals(0.01, DeviceSettings.resolve("ideal", Map.of("readNoise", 0.01)).periphery().readNoise());
    }

    @Test
    void unknownKeyIsRejectedListingKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.resolve("pcm", Map.of("outputBitz", 8.0)));
        assertTrue(e.getMessage().contains("'outputBitz'") && e.getMessage().contains("outputBits")
                && e.getMessage().contains("gMax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceSettings.resolve("ideal", Map.of("drift", 1.0)));
        assertTrue(e.getMessage().contains("'drift'"), e.getMessage());
    }

    @Test
    void nonPositiveGMaxIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.resolve("pcm", Map.of("gMax", 0.0)));
        assertTrue(e.getMessage().contains("gMax=0.0") && e.getMessage().contains("[1.0E-12, 1.0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PcmDeviceModel().programmedPhysics(new PcmDeviceModel().defaultParameters().with("gMax", -1e-6)));
        assertTrue(e.getMessage().contains("gMax=-1.0E-6"), e.getMessage());
    }

    @Test
    void badPeripheryValuesAndFaultFractionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.resolve("pcm", Map.of("outputBits", 1.0)));
        assertTrue(e.getMessage().contains("outputBits=1.0") && e.getMessage().contains("[2.0, 24.0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.resolve("pcm", Map.of("inputBits", 7.5)));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.resolve("pcm", Map.of("stuckAtZeroFraction", 0.6, "stuckAtGMaxFraction", 0.6)));
        assertTrue(e.getMessage().contains("<= 1"), e.getMessage());
    }

    @Test
    void deviceAndPeripheryParameterNamesDoNotClash() {
        for (String name : new PcmDeviceModel().defaultParameters().values().keySet()) {
            assertFalse(PeripheryConfig.defaults().has(name), name);
        }
    }
}
