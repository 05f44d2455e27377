package org.dl4jmortal.distill.fleet;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dl4jmortal.distill.eval.Fidelity;

/**
 * One clone of a fleet, measured against the original chip's majority at two times after its own programming (or
 * after its last in-place update when fine-tuned).
 *
 * @param index      clone number, from 0
 * @param seed       the clone chip's seed
 * @param at1s       fidelity at {@link CloneFleet#SHORT_SECONDS} seconds (one pass of the clone)
 * @param at1d       fidelity at {@link CloneFleet#LONG_SECONDS} seconds (one pass of the clone)
 * @param fineTuned  whether the clone was fine-tuned in place
 * @param lossPerEpoch fine-tuning loss per epoch (empty without fine-tuning)
 * @param seconds    wall-clock seconds for programming, fine-tuning and measuring this clone
 */
public record CloneResult(int index, long seed, Fidelity at1s, Fidelity at1d, boolean fineTuned,
                          java.util.List<Double> lossPerEpoch, double seconds) {

    /** Copies the list. */
    public CloneResult {
        lossPerEpoch = java.util.List.copyOf(lossPerEpoch);
    }

    /**
     * @return {@code seed, agreement, accuracy, kl, agreement_1d, accuracy_1d, kl_1d, fine_tuned, fine_tune_loss,
     *         seconds}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("seed", seed);
        m.put("agreement", at1s.agreement());
        m.put("accuracy", at1s.accuracy());
        m.put("kl", at1s.kl());
        m.put("agreement_1d", at1d.agreement());
        m.put("accuracy_1d", at1d.accuracy());
        m.put("kl_1d", at1d.kl());
        m.put("fine_tuned", fineTuned);
        m.put("fine_tune_loss", lossPerEpoch);
        m.put("seconds", seconds);
        return m;
    }
}
