package org.dl4jmortal.samples.copyout;

import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A readable copy of a chip: an ordinary DL4J network, what it cost, and what the method reports about it.
 *
 * @param method  the copy method's name ({@code reconstruction}, ...)
 * @param network the copy, an ordinary digital network (weights readable)
 * @param queries queries the method sent to the chip (rows, repeats included)
 * @param seconds wall-clock seconds
 * @param details method-specific numbers for the report (per-layer errors, bounds, ...)
 */
public record CopyResult(String method, MultiLayerNetwork network, long queries, double seconds,
                         Map<String, Object> details) {
    /** @throws NullPointerException if the method, network or details is null */
    public CopyResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(network, "network");
        details = Map.copyOf(details);
    }
}
