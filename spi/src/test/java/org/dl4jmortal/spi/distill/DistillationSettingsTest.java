package org.dl4jmortal.spi.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults of DESIGN.md §4 and the checks of every setting. */
class DistillationSettingsTest {

    @Test
    void defaultsAreTheDesignsAndSurviveTheBuilderRoundTrip() {
        DistillationSettings s = DistillationSettings.builder().build();
        assertEquals(4.0, s.temperature());
        assertEquals(0.9, s.alpha());
        assertEquals(10, s.epochs());
        assertEquals(64, s.batchSize());
        assertEquals(false, s.requery());
        assertEquals(Map.of(), s.hints());
        DistillationSettings t = s.toBuilder().hints(Map.of("hidden1", "hidden1.post")).seed(3).build();
        assertEquals(t, t.toBuilder().build());
        assertEquals(t.hashCode(), t.toBuilder().build().hashCode());
    }

    @Test
    void temperatureAtOrBelowZeroIsRejected() {
        for (double v : new double[] {0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DistillationSettings.builder().temperature(v).build());
            assertEquals("temperature T must be a finite number > 0, got " + v, e.getMessage());
        }
    }

    @Test
    void alphaOutsideTheUnitIntervalIsRejected() {
        for (double v : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DistillationSettings.builder().alpha(v).build());
            assertTrue(e.getMessage().startsWith("alpha must lie in [0, 1]"), e.getMessage());
        }
        assertEquals(0.0, DistillationSettings.builder().alpha(0).build().alpha());
        assertEquals(1.0, DistillationSettings.builder().alpha(1).build().alpha());
    }

    @Test
    void countsAndWeightsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> DistillationSettings.builder().epochs(0).build());
        assertThrows(IllegalArgumentException.class, () -> DistillationSettings.builder().batchSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> DistillationSettings.builder().queryBatch(0).build());
        assertThrows(IllegalArgumentException.class, () -> DistillationSettings.builder().hintWeight(-1).build());
    }
}
