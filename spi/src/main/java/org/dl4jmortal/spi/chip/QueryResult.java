package org.dl4jmortal.spi.chip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one {@link TappedModel#query} returns: the network output and the requested tap values, row for row.
 *
 * @param output network output {@code [batch, nOut]} (after the output activation, e.g. softmax probabilities)
 * @param taps   tap name to values {@code [batch, width]}, in the order the caller asked for them
 */
public record QueryResult(INDArray output, Map<String, INDArray> taps) {

    /** @throws NullPointerException if an argument is null */
    public QueryResult {
        Objects.requireNonNull(output, "output");
        taps = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(taps, "taps")));
    }

    /**
     * @param tapName a tap name that was requested
     * @return its values {@code [batch, width]}
     * @throws IllegalArgumentException if the tap was not part of the query
     */
    public INDArray tap(String tapName) {
        INDArray v = taps.get(tapName);
        if (v == null) {
            throw new IllegalArgumentException("tap '" + tapName + "' was not read by this query; read: " + taps.keySet());
        }
        return v;
    }
}
