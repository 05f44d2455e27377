package org.dl4jmortal.distill.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.distill.eval.DistillReport;

/**
 * The report of a fleet: the one distillation into a digital network, each clone, and a summary (mean and worst
 * agreement at 1 s and 1 day).
 *
 * @param distill  the distillation into the digital network
 * @param settings the fleet settings
 * @param clones   one result per clone
 * @param queries  teacher queries spent by the whole fleet run (distillation and evaluation), from its ledger
 */
public record FleetReport(DistillReport distill, FleetSettings settings, List<CloneResult> clones, long queries) {

    /** Copies the list. */
    public FleetReport {
        clones = List.copyOf(clones);
    }

    /** @return the mean agreement at 1 s over the clones */
    public double meanAgreement() {
        return clones.stream().mapToDouble(c -> c.at1s().agreement()).average().orElse(Double.NaN);
    }

    /** @return the lowest agreement at 1 s */
    public double worstAgreement() {
        return clones.stream().mapToDouble(c -> c.at1s().agreement()).min().orElse(Double.NaN);
    }

    /** @return the mean agreement at 1 day */
    public double meanAgreement1d() {
        return clones.stream().mapToDouble(c -> c.at1d().agreement()).average().orElse(Double.NaN);
    }

    /** @return the lowest agreement at 1 day */
    public double worstAgreement1d() {
        return clones.stream().mapToDouble(c -> c.at1d().agreement()).min().orElse(Double.NaN);
    }

    /**
     * @return {@code {"clones": [...], "fleet": {n, device, overrides, fine_tune_epochs, mean_agreement,
     *         worst_agreement, mean_agreement_1d, worst_agreement_1d, mean_accuracy, mean_accuracy_1d,
     *         teacher_self_agreement, teacher_accuracy, queries}, "distill": {...}}}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> fleet = new LinkedHashMap<>();
        fleet.put("n", settings.clones());
        fleet.put("device", settings.device());
        fleet.put("overrides", settings.overrides());
        fleet.put("seed", settings.seed());
        fleet.put("fine_tune_epochs", settings.fineTuneEpochs());
        fleet.put("fine_tune_learning_rate", settings.fineTuneEpochs() > 0 ? settings.fineTuneLearningRate() : null);
        fleet.put("mean_agreement", meanAgreement());
        fleet.put("worst_agreement", worstAgreement());
        fleet.put("mean_agreement_1d", meanAgreement1d());
        fleet.put("worst_agreement_1d", worstAgreement1d());
        fleet.put("mean_accuracy", clones.stream().mapToDouble(c -> c.at1s().accuracy()).average().orElse(Double.NaN));
        fleet.put("mean_accuracy_1d", clones.stream().mapToDouble(c -> c.at1d().accuracy()).average()
                .orElse(Double.NaN));
        fleet.put("digital_agreement", distill.fidelity().agreement());
        fleet.put("teacher_self_agreement", distill.reference().selfAgreement());
        fleet.put("teacher_accuracy", distill.reference().accuracy());
        fleet.put("queries", queries);
        fleet.put("times_seconds", List.of(CloneFleet.SHORT_SECONDS, CloneFleet.LONG_SECONDS));
        List<Map<String, Object>> rows = new ArrayList<>();
        clones.forEach(c -> rows.add(c.toMap()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clones", rows);
        m.put("fleet", fleet);
        m.put("distill", distill.toMap());
        return m;
    }
}
