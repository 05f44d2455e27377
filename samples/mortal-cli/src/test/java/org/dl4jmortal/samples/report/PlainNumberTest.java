package org.dl4jmortal.samples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlainNumberTest {
    @Test
    void writesSettingsAsTyped() {
        assertEquals("0.08", PlainNumber.of(0.08));
        assertEquals("0.0001", PlainNumber.of(1e-4));
        assertEquals("0.8", PlainNumber.of(0.8));
        assertEquals("3", PlainNumber.of(3.0));
        assertEquals("-0.25", PlainNumber.of(-0.25));
        assertEquals("0", PlainNumber.of(0.0));
    }

    @Test
    void refusesNonFiniteValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainNumber.of(Double.NaN));
        assertTrue(e.getMessage().contains("expected a finite number, got NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlainNumber.of(Double.POSITIVE_INFINITY));
    }
}
