package org.dl4jmortal.spi.reconstruct;

import java.util.List;
import java.util.Objects;

/**
 * The result of a {@link WeightReconstructor}: the layers, lowest first, the total queries and the time spent.
 *
 * @param method  the reconstructor's registered name
 * @param layers  the reconstructed layers, lowest first
 * @param queries total queries charged to the model's ledger by this reconstruction (rows, repeats included)
 * @param seconds wall-clock seconds spent
 */
public record Reconstruction(String method, List<LayerReconstruction> layers, long queries, double seconds) {

    /** @throws NullPointerException if a reference argument is null */
    public Reconstruction {
        Objects.requireNonNull(method, "method");
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
    }

    /**
     * @param layerName a layer name
     * @return that layer's reconstruction
     * @throws IllegalArgumentException if no such layer was reconstructed (lists the names)
     */
    public LayerReconstruction layer(String layerName) {
        for (LayerReconstruction l : layers) {
            if (l.layerName().equals(layerName)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no reconstructed layer '" + layerName + "'; layers: "
                + layers.stream().map(LayerReconstruction::layerName).toList());
    }
}
