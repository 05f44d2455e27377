package org.dl4jmortal.distill;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jmortal.distill.method.HintDistiller;
import org.dl4jmortal.distill.method.KdDistiller;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginException;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.junit.jupiter.api.Test;

/** The distillers are found by name through the registry (ServiceLoader, Guice map binders). */
class PluginsTest {

    @Test
    void distillersAreRegisteredByName() {
        MortalRegistry registry = MortalRegistry.global();
        assertInstanceOf(KdDistiller.class, registry.get(PluginKind.DISTILLER, "kd"));
        assertInstanceOf(HintDistiller.class, registry.get(PluginKind.DISTILLER, "hint"));
        PluginException e = assertThrows(PluginException.class, () -> registry.get(PluginKind.DISTILLER, "dark"));
        assertTrue(e.getMessage().contains("installed distiller plugins: [hint, kd]"), e.getMessage());
        assertTrue(registry.names(PluginKind.CHIP_FACTORY).contains("simulated"));
    }
}
