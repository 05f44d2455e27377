package org.dl4jmortal.spi.distill;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Distiller} did: the loss curve and the cost (DESIGN.md §4 words: a query is one input row sent to
 * the teacher; a tap read is one tap's values for one query).
 *
 * @param method          the distiller's registered name
 * @param lossPerEpoch    mean training loss of each epoch
 * @param queries         teacher queries spent by the distillation (from the teacher's ledger; 0 for a recorded
 *                        transfer set)
 * @param tapReads        teacher tap reads spent
 * @param seconds         wall-clock seconds of the distillation (queries and training)
 * @param hints           the hint mapping used, student layer to teacher tap (empty for {@code kd})
 * @param teacherOutputs  how the teacher's outputs were obtained: {@code "cached"} (queried once per transfer row),
 *                        {@code "requeried"} (every epoch) or {@code "recorded"} (a tap export)
 */
public record DistillationResult(String method, List<Double> lossPerEpoch, long queries, long tapReads,
                                 double seconds, Map<String, String> hints, String teacherOutputs) {

    /** Copies the collections. @throws NullPointerException if a reference is null */
    public DistillationResult {
        Objects.requireNonNull(method, "method");
        lossPerEpoch = List.copyOf(lossPerEpoch);
        hints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hints));
        Objects.requireNonNull(teacherOutputs, "teacherOutputs");
    }
}
