package org.dl4jmortal.samples.demo;

import java.util.List;
import java.util.Objects;

/**
 * What the analog steps of the demo report: the drift table of one programmed chip.
 *
 * @param device a short description of the device and periphery, for the report (for example {@code "pcm"})
 * @param drift  one point per requested time, in the order requested
 */
public record ChipEvaluation(String device, List<DriftPoint> drift) {

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code drift} is empty
     */
    public ChipEvaluation {
        Objects.requireNonNull(device, "device");
        drift = List.copyOf(drift);
        if (drift.isEmpty()) {
            throw new IllegalArgumentException("drift must hold at least one point");
        }
    }
}
