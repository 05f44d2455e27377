package org.dl4jmortal.samples.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void unitsConvertToSeconds() {
        assertEquals(1.0, Durations.parseSeconds("1s"));
        assertEquals(3600.0, Durations.parseSeconds("1h"));
        assertEquals(86400.0, Durations.parseSeconds("1d"));
        assertEquals(30 * 86400.0, Durations.parseSeconds("30d"));
        assertEquals(365 * 86400.0, Durations.parseSeconds("1y"));
        assertEquals(31_536_000.0, Durations.parseSeconds("1Y"));
        assertEquals(90.0, Durations.parseSeconds("90"));
        assertEquals(0.0, Durations.parseSeconds("0"));
        assertEquals(9000.0, Durations.parseSeconds(" 2.5h "));
        assertEquals(0.25, Durations.parseSeconds(".25s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "-5", "NaN", "nan", "Infinity", "abc", "1w", "1 d", "d", "", "1e3", "1.2.3h",
        "1dd"})
    void badValuesNameTheValueAndTheAllowedForms(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parseSeconds(bad));
        assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("1s, 1h, 1d, 30d, 1y"), e.getMessage());
    }

    @Test
    void hugeValueIsRejected() {
        String huge = "9".repeat(400) + "y";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Durations.parseSeconds(huge));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void labelsUseTheLargestExactUnit() {
        assertEquals("1 s", Durations.label(1));
        assertEquals("1 h", Durations.label(3600));
        assertEquals("1 d", Durations.label(86400));
        assertEquals("30 d", Durations.label(2_592_000));
        assertEquals("1 y", Durations.label(31_536_000));
        assertEquals("90 s", Durations.label(90));
    }
}
