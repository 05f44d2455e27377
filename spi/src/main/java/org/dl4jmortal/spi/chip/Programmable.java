package org.dl4jmortal.spi.chip;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model whose weights can be written but not read back (DESIGN.md §2): programming goes through the device's
 * programming noise, and nothing returns what was actually written.
 */
public interface Programmable {

    /** @return the names of the layers that {@link #program} accepts, lowest first */
    List<String> programmableLayers();

    /**
     * Writes target weights into a layer's devices (with the device's programming noise, drift exponents drawn
     * afresh, the layer's clock reset to zero time since programming). The bias is digital and written exactly.
     *
     * @param layerName a name from {@link #programmableLayers()}
     * @param weights   target weights {@code [nIn, nOut]} in the network's weight units
     * @param bias      target bias {@code [1, nOut]} or {@code [nOut]}; may be null to keep the present bias
     * @throws IllegalArgumentException if the layer is unknown (lists the valid ones), a shape does not match,
     *                                  or a value is NaN or infinite
     */
    void program(String layerName, INDArray weights, INDArray bias);
}
