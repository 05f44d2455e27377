package org.dl4jmortal.spi.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chip designs chain their widths and name their layers uniquely. */
class ChipDesignTest {

    @Test
    void widthsMustChain() {
        ChipDesign d = new ChipDesign("pcm", Map.of(), List.of(new LayerDesign("a", 4, 3, "relu", true),
                new LayerDesign("b", 3, 2, "softmax", true)), 1);
        assertEquals(4, d.inputSize());
        assertEquals(2, d.outputSize());
        assertEquals(9, d.withSeed(9).seed());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChipDesign("pcm",
                Map.of(), List.of(new LayerDesign("a", 4, 3, "relu", true), new LayerDesign("b", 5, 2, "softmax",
                        true)), 1));
        assertEquals("layer b takes 5 inputs but layer a gives 3", e.getMessage());
    }

    @Test
    void badLayersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ChipDesign("pcm", Map.of(), List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new ChipDesign("pcm", Map.of(), List.of(
                new LayerDesign("a", 4, 4, "relu", true), new LayerDesign("a", 4, 2, "softmax", true)), 1));
        IllegalArgumentException dot = assertThrows(IllegalArgumentException.class,
                () -> new LayerDesign("a.b", 1, 1, "relu", true));
        assertTrue(dot.getMessage().contains("free of dots"), dot.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerDesign("a", 0, 1, "relu", true));
    }
}
