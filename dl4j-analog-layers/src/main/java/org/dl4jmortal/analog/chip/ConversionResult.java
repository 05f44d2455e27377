package org.dl4jmortal.analog.chip;

import java.util.List;

/**
 * What {@link AnalogConverter} produced.
 *
 * @param chip          the programmed chip
 * @param analogLayers  names of the layers that became analog
 * @param digitalLayers names of the layers that stayed digital (with their parameters copied)
 */
public record ConversionResult(AnalogChip chip, List<String> analogLayers, List<String> digitalLayers) {
    /** Copies the lists. */
    public ConversionResult {
        analogLayers = List.copyOf(analogLayers);
        digitalLayers = List.copyOf(digitalLayers);
    }
}
