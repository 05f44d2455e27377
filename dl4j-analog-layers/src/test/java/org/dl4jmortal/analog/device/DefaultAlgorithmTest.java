package org.dl4jmortal.analog.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.dl4jmortal.analog.update.UpdateConfig;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.plugin.AbstractMortalPlugin;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.junit.jupiter.api.Test;

/** Each pulsed device's default in-place algorithm follows its rule; users and plugins can change it. */
class DefaultAlgorithmTest extends BaseDL4JTest {

    @Test
    void onlySoftBoundsDevicesTrainByTikiTaka() {
        Map<String, Boolean> expected = Map.ofEntries(
                Map.entry("constant-step", false), Map.entry("linear-step", false), Map.entry("soft-bounds", true),
                Map.entry("exp-step", false), Map.entry("pow-step", false),
                // presets follow their rule
                Map.entry("idealized", false), Map.entry("gokmen-vlasov", false), Map.entry("capacitor", false),
                Map.entry("ecram", false), Map.entry("ecram-mo", false), Map.entry("reram-sb", true),
                Map.entry("reram-es", false));
        for (Map.Entry<String, Boolean> e : expected.entrySet()) {
            UpdateConfig u = DeviceSettings.resolve(e.getKey(), Map.of()).update();
            assertEquals(e.getValue(), u.tikiTaka(), e.getKey());
            assertEquals(e.getValue() ? "tiki-taka" : "sgd", u.algorithmName(), e.getKey());
        }
    }

    @Test
    void theUserOverridesTheDevicesDefault() {
        assertTrue(DeviceSettings.resolve("constant-step", Map.of(UpdateConfig.TIKI_TAKA, 1.0)).update().tikiTaka());
        assertEquals(false, DeviceSettings.resolve("soft-bounds", Map.of(UpdateConfig.TIKI_TAKA, 0.0)).update()
                .tikiTaka());
    }

    /** A third-party pulsed device that sets an update default the simulator does not know. */
    public static final class BadDefaultDevice implements DeviceModel {
        @Override
        public String name() {
            return "bad-default";
        }

        @Override
        public String description() {
            return "test device";
        }

        @Override
        public CrosspointKind crosspointKind() {
            return CrosspointKind.PULSED;
        }

        @Override
        public ParameterSet defaultParameters() {
            return new SoftBoundsDeviceModel().defaultParameters();
        }

        @Override
        public java.util.Optional<PulsedDevicePhysics> pulsedPhysics(ParameterSet p) {
            return new SoftBoundsDeviceModel().pulsedPhysics(p);
        }

        @Override
        public Map<String, Double> updateDefaults() {
            return Map.of("tikiTakka", 1.0);
        }
    }

    /** Registers {@link BadDefaultDevice}. */
    public static final class BadDefaultPlugin extends AbstractMortalPlugin {
        @Override
        protected void configure() {
            register(PluginKind.DEVICE, "bad-default", BadDefaultDevice.class);
        }
    }

    @Test
    void anUnknownUpdateDefaultOfAPluginIsNamed() {
        MortalRegistry registry = MortalRegistry.of(new BadDefaultPlugin());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.resolve(registry, "bad-default", Map.of()));
        assertTrue(e.getMessage().contains("bad-default") && e.getMessage().contains("update default")
                && e.getMessage().contains("tikiTakka"), e.getMessage());
    }
}
