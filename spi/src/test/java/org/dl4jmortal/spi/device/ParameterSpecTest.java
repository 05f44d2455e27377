package org.dl4jmortal.spi.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A value outside its range, or a switch that is neither 0 nor 1, is refused with what is allowed. */
class ParameterSpecTest {

    @Test
    void aSwitchTakesOnlyZeroOrOne() {
        ParameterSpec spec = new ParameterSpec("tikiTaka", 1, 0, 1, ParameterSpec.SWITCH_UNIT, "an on/off setting");
        assertEquals(0.0, spec.check(0));
        assertEquals(1.0, spec.check(1));
        for (double bad : new double[] {0.5, 2, -1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.check(bad));
            assertTrue(e.getMessage().contains("tikiTaka=" + bad) && e.getMessage().contains("use 0 (off) or 1 (on)"),
                    e.getMessage());
        }
    }

    @Test
    void aValueOutsideItsRangeNamesTheRange() {
        ParameterSpec spec = new ParameterSpec("bitLength", 31, 1, 4096, "pulses", "bit length");
        assertEquals(31.0, spec.check(31));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.check(0));
        assertTrue(e.getMessage().contains("bitLength=0.0 is not allowed") && e.getMessage().contains("[1.0, 4096.0]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.check(Double.NaN));
    }
}
