package org.dl4jmortal.spi.chip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ChipFactory} builds: a stack of fully connected layers on devices of one model, with parameter
 * overrides and a seed (DESIGN.md §2 rule 4: every random draw of the chip, from device-to-device variation to
 * programming noise, derives from it). Immutable value.
 *
 * @param device    a registered device model name ({@code pcm}, {@code soft-bounds}, ...)
 * @param overrides device and periphery parameter overrides by name (copied, insertion order kept)
 * @param layers    the layers, input first; each layer's {@code nIn} equals the previous layer's {@code nOut}
 * @param seed      the chip seed
 */
public record ChipDesign(String device, Map<String, Double> overrides, List<LayerDesign> layers, long seed) {

    /**
     * @throws IllegalArgumentException if there is no layer, two layers share a name, or consecutive widths do not
     *                                  chain (names the layers and widths)
     * @throws NullPointerException     if an argument is null
     */
    public ChipDesign {
        Objects.requireNonNull(device, "device");
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(overrides,
                "overrides")));
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a chip design needs at least one layer");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerDesign l = layers.get(i);
            if (!names.add(l.name())) {
                throw new IllegalArgumentException("layer name '" + l.name() + "' is used twice");
            }
            if (i > 0 && layers.get(i - 1).nOut() != l.nIn()) {
                throw new IllegalArgumentException("layer " + l.name() + " takes " + l.nIn() + " inputs but layer "
                        + layers.get(i - 1).name() + " gives " + layers.get(i - 1).nOut());
            }
        }
    }

    /** @return inputs per row of the first layer */
    public int inputSize() {
        return layers.get(0).nIn();
    }

    /** @return outputs per row of the last layer */
    public int outputSize() {
        return layers.get(layers.size() - 1).nOut();
    }

    /**
     * @param newSeed another seed
     * @return the same design with that seed (one design, many chips: a fleet)
     */
    public ChipDesign withSeed(long newSeed) {
        return new ChipDesign(device, overrides, layers, newSeed);
    }
}
