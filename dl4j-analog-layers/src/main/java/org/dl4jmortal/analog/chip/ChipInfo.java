package org.dl4jmortal.analog.chip;

import java.util.List;
import java.util.Map;

/**
 * Provenance of a chip (the Tribuo habit: every artefact says where it came from), saved in the chip image.
 *
 * @param seed          the chip seed every layer seed was derived from
 * @param device        the device model's registered name
 * @param overrides     device and periphery parameter overrides
 * @param analogLayers  names of the layers that are analog
 * @param digitalLayers names of the layers that stayed digital (the converter could not convert them)
 * @param createdBy     what made it (e.g. {@code "mortal convert --model digital.zip"})
 */
public record ChipInfo(long seed, String device, Map<String, Double> overrides, List<String> analogLayers,
                       List<String> digitalLayers, String createdBy) {
    /** Copies the collections. */
    public ChipInfo {
        overrides = Map.copyOf(overrides);
        analogLayers = List.copyOf(analogLayers);
        digitalLayers = List.copyOf(digitalLayers);
    }
}
