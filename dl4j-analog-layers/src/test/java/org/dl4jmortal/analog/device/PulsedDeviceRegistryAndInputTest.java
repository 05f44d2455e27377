package org.dl4jmortal.analog.device;

import static org.dl4jmortal.analog.device.PulsedTestSupport.physics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.deeplearning4j.BaseDL4JTest;
import org.dl4jmortal.analog.periphery.PeripheryConfig;
import org.dl4jmortal.analog.physics.pulsed.PulsedParameters;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginException;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Registration, presets, periphery defaults and every kind of bad input. */
class PulsedDeviceRegistryAndInputTest extends BaseDL4JTest {
    private static final Set<String> PULSED = Set.of("constant-step", "linear-step", "soft-bounds", "exp-step",
            "pow-step", "reram-es", "reram-sb", "capacitor", "ecram", "ecram-mo", "gokmen-vlasov", "idealized");

    @Test
    void everyPulsedDeviceIsRegisteredAndListed() {
        MortalRegistry registry = MortalRegistry.global();
        assertTrue(registry.names(PluginKind.DEVICE).containsAll(PULSED), registry.names(PluginKind.DEVICE).toString());
        for (String name : PULSED) {
            DeviceModel d = registry.get(PluginKind.DEVICE, name);
            assertEquals(name, d.name());
            assertEquals(CrosspointKind.PULSED, d.crosspointKind());
            assertTrue(d.pulsedPhysics(d.defaultParameters()).isPresent(), name);
            assertTrue(d.programmedPhysics(d.defaultParameters()).isEmpty(), name);
        }
        assertTrue(registry.get(PluginKind.DEVICE, "pcm").pulsedPhysics(
                registry.get(PluginKind.DEVICE, "pcm").defaultParameters()).isEmpty());
    }

    @Test
    void settingsResolveWithoutReadNoiseOrDriftCompensationAndWithoutNameClashes() {
        for (String name : PULSED) {
            DeviceSettings s = DeviceSettings.resolve(name, Map.of("dwMin", 0.002));
            assertEquals(0.0, s.parameters().get(PeripheryConfig.READ_NOISE), name);
            assertEquals(0.0, s.parameters().get(PeripheryConfig.DRIFT_COMPENSATION), name);
            assertEquals(0.06, s.parameters().get(PeripheryConfig.OUTPUT_NOISE), name);
            assertEquals(7, s.parameters().get(PeripheryConfig.INPUT_BITS), name);
            assertEquals(9, s.parameters().get(PeripheryConfig.OUTPUT_BITS), name);
            assertEquals(0.002, s.deviceParameters().get("dwMin"), name);
        }
    }

    @Test
    void defaultsAreAihwkitsPulsedDeviceDefaults() {
        ParameterSet p = new SoftBoundsDeviceModel().defaultParameters();
        assertEquals(Map.of("dwMin", 0.001, "dwMinDtod", 0.3, "dwMinStd", 0.3, "wMax", 0.6, "wMin", -0.6,
                "wMaxDtod", 0.3, "wMinDtod", 0.3, "upDown", 0.0, "upDownDtod", 0.01, "multiplicativeNoise", 1.0),
                p.values());
        ParameterSet e = new ExpStepDeviceModel().defaultParameters();
        assertEquals(0.00081, e.get("expAUp"));
        assertEquals(0.36833, e.get("expADown"));
        assertEquals(12.44625, e.get("expGammaUp"));
        assertEquals(12.78785, e.get("expGammaDown"));
        assertEquals(0.244, e.get("expSlope"));
        assertEquals(0.2425, e.get("expOffset"));
        ParameterSet l = new LinearStepDeviceModel().defaultParameters();
        assertEquals(0.0, l.get("gammaUp"));
        assertEquals(0.05, l.get("gammaUpDtod"));
        assertEquals(1.0, l.get("meanBoundReference"));
        assertEquals(1.0, new PowStepDeviceModel().defaultParameters().get("powGamma"));
        assertEquals(0.1, new PowStepDeviceModel().defaultParameters().get("powGammaDtod"));
    }

    @Test
    void presetsCarryTheirPublishedValues() {
        // values of aihwkit v1.1.0 src/aihwkit/simulator/presets/devices.py
        ParameterSet sb = new ReRamSbPresetDeviceModel().defaultParameters();
        assertEquals(1.25, sb.get("wMax"));
        assertEquals(-0.75, sb.get("wMin"));
        assertEquals(3.75, sb.get("dwMinStd"));
        assertEquals(0.0, sb.get("multiplicativeNoise"));
        ParameterSet es = new ReRamEsPresetDeviceModel().defaultParameters();
        assertEquals(0.00135, es.get("dwMin"));
        assertEquals(0.259359, es.get("upDown"));
        assertEquals(-1.18445, es.get("expAUp"));
        ParameterSet ec = new EcRamPresetDeviceModel().defaultParameters();
        assertEquals(0.1153, ec.get("gammaUp"));
        assertEquals(0.5085, ec.get("gammaDown"));
        assertEquals(1.1724, ec.get("wMax"));
        assertEquals(0.005, new CapacitorPresetDeviceModel().defaultParameters().get("dwMin"));
        assertEquals(0.0016, new GokmenVlasovPresetDeviceModel().defaultParameters().get("dwMin"));
        assertEquals(0.0002, new IdealizedPresetDeviceModel().defaultParameters().get("dwMin"));
        assertEquals(2.8214e-4, new EcRamMoPresetDeviceModel().defaultParameters().get("dwMin"));
        assertTrue(new ReRamSbPresetDeviceModel().description().contains("Gong"));
    }

    @Test
    void nonPositiveDwMinIsRejected() {
        DeviceModel d = new SoftBoundsDeviceModel();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.defaultParameters().with("dwMin", 0.0));
        assertTrue(e.getMessage().contains("dwMin"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new PulsedParameters(-0.001, 0.3, 0.3, -0.6, 0.6, 0.3, 0.3, 0, 0.01));
        assertTrue(e2.getMessage().contains("dwMin=-0.001") && e2.getMessage().contains("> 0"), e2.getMessage());
    }

    @Test
    void invertedBoundsAreRejected() {
        DeviceModel d = new ConstantStepDeviceModel();
        ParameterSet p = d.defaultParameters().with("wMin", 0.5).with("wMax", 0.2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.pulsedPhysics(p));
        assertTrue(e.getMessage().contains("wMin=0.5 >= wMax=0.2"), e.getMessage());
        ParameterSet q = d.defaultParameters().with("wMin", 0.1);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> d.pulsedPhysics(q));
        assertTrue(e2.getMessage().contains("wMin < 0 < wMax"), e2.getMessage());
    }

    @Test
    void asymmetryOutsideItsRangeIsRejected() {
        DeviceModel d = new SoftBoundsDeviceModel();
        ParameterSet p = d.defaultParameters().with("upDown", 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.pulsedPhysics(p));
        assertTrue(e.getMessage().contains("|upDown| < 1"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> d.defaultParameters().with("upDown", -1.5));
        assertTrue(e2.getMessage().contains("upDown"), e2.getMessage());
    }

    @Test
    void unknownDeviceNameListsTheInstalledOnes() {
        PluginException e = assertThrows(PluginException.class,
                () -> MortalRegistry.global().get(PluginKind.DEVICE, "soft-bound"));
        assertTrue(e.getMessage().contains("soft-bounds") && e.getMessage().contains("reram-es"), e.getMessage());
        PluginException e2 = assertThrows(PluginException.class, () -> DeviceSettings.resolve("memristor", Map.of()));
        assertTrue(e2.getMessage().contains("constant-step"), e2.getMessage());
    }

    @Test
    void unknownParameterAndPeripheryNameAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SoftBoundsDeviceModel().defaultParameters().with("gamma", 1.0));
        assertTrue(e.getMessage().contains("known parameters"), e.getMessage());
        // an in-place update setting given to a programmed device says why it is unknown there
        IllegalArgumentException update = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.resolve("pcm", Map.of("tikiTaka", 1.0)));
        assertTrue(update.getMessage().contains("unknown parameter 'tikiTaka' for device 'pcm' ('tikiTaka' is an "
                + "in-place update setting of pulsed devices; 'pcm' is a programmed device"), update.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.resolve("pcm", Map.of("tikiTak", 1.0)));
        assertFalse(typo.getMessage().contains("in-place update setting"), typo.getMessage());
    }

    @Test
    void badCountsShapesAndForeignArraysAreRejected() {
        PulsedDevicePhysics ph = physics(new SoftBoundsDeviceModel(), Map.of());
        PulsedDevicePhysics.DeviceArrays d = ph.drawDevices(2, 3, 1L);
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        INDArray neg = Nd4j.valueArrayOf(new long[]{2, 3}, -1.0, DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ph.applyPulses(w, neg, w, d, 1L));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> ph.applyPulses(Nd4j.zeros(DataType.DOUBLE, 3, 2), w, w, d, 1L));
        assertTrue(e2.getMessage().contains("shape"), e2.getMessage());
        PulsedDevicePhysics other = physics(new ExpStepDeviceModel(), Map.of());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> other.applyPulses(w, w, w, d, 1L));
        assertTrue(e3.getMessage().contains("soft-bounds"), e3.getMessage());
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class, () -> ph.drawDevices(0, 3, 1L));
        assertTrue(e4.getMessage().contains("rows >= 1"), e4.getMessage());
    }

    @Test
    void deviceCurveRejectsDevicesWithoutPulseRuleAndBadSizes() {
        DeviceModel pcm = MortalRegistry.global().get(PluginKind.DEVICE, "pcm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceResponse.curve(pcm, 10, 10, 1L));
        assertTrue(e.getMessage().contains("no pulse rule"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceResponse.curve(new SoftBoundsDeviceModel(), 0, 10, 1L));
        assertThrows(IllegalArgumentException.class, () -> DeviceResponse.curve(new SoftBoundsDeviceModel(), 10, 0, 1L));
    }

    @Test
    void constantStepCurveRisesLinearlyToTheBoundAndFallsBack() {
        DeviceModel d = new ConstantStepDeviceModel();
        DeviceCurve c = DeviceResponse.curve(d, d.defaultParameters().withAll(PulsedTestSupport.noVariation()),
                4, 700, 3L);
        assertEquals(0.0, c.points().get(0).mean());
        assertEquals("start", c.points().get(0).direction());
        assertEquals("up", c.points().get(700).direction());
        assertEquals("down", c.points().get(701).direction());
        assertEquals(0.3, c.points().get(300).mean(), 1e-9);
        assertEquals(0.6, c.points().get(700).mean(), 1e-9);   // clipped after 600 pulses
        assertEquals(-0.1, c.points().get(1400).mean(), 1e-9); // 0.6 - 700 * 0.001
    }
}
