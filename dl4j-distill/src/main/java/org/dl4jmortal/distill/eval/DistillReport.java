package org.dl4jmortal.distill.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.spi.distill.DistillationResult;
import org.dl4jmortal.spi.distill.DistillationSettings;

/**
 * The report of one distillation, in the words of DESIGN.md §4, with the settings that produced it (Tribuo's habit:
 * every artefact says where it came from). {@link #toMap()} gives the {@code metrics.json} section.
 *
 * @param result            what the distiller did (method, loss curve, queries, tap reads, seconds)
 * @param settings          temperature, alpha, epochs, batch, seed, caching, hints
 * @param student           the student's description (kind, layers, optimiser)
 * @param transfer          the transfer set's description
 * @param transferRows      transfer rows
 * @param labelled          whether the transfer rows had labels
 * @param reference         the teacher's majority reference on the evaluation rows
 * @param fidelity          the student against that reference
 * @param teacherAtSeconds  the teacher's time since programming during the run, or NaN if it has no clock
 * @param evaluationSeconds seconds spent measuring the teacher's reference and the student
 */
public record DistillReport(DistillationResult result, DistillationSettings settings, String student, String transfer,
                            long transferRows, boolean labelled, TeacherReference reference, Fidelity fidelity,
                            double teacherAtSeconds, double evaluationSeconds) {

    /**
     * @return the section as an ordered map with snake_case keys: {@code method, agreement, teacher_self_agreement,
     *         kl, teacher_accuracy, teacher_accuracy_std, teacher_majority_accuracy, student_accuracy, queries,
     *         tap_reads, evaluation_queries, seconds, evaluation_seconds, passes, test_rows, teacher_at_seconds,
     *         student, transfer, transfer_rows, labelled, teacher_outputs, temperature, alpha, epochs, batch, seed,
     *         hints, hint_weight, loss_per_epoch}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", result.method());
        m.put("agreement", fidelity.agreement());
        m.put("teacher_self_agreement", reference.selfAgreement());
        m.put("kl", fidelity.kl());
        m.put("teacher_accuracy", reference.accuracy());
        m.put("teacher_accuracy_std", reference.accuracyStd());
        m.put("teacher_majority_accuracy", reference.majorityAccuracy());
        m.put("student_accuracy", fidelity.accuracy());
        m.put("queries", result.queries());
        m.put("tap_reads", result.tapReads());
        m.put("evaluation_queries", reference.queries());
        m.put("seconds", result.seconds());
        m.put("evaluation_seconds", evaluationSeconds);
        m.put("passes", reference.passes());
        m.put("test_rows", reference.majority().length);
        m.put("teacher_at_seconds", Double.isNaN(teacherAtSeconds) ? null : teacherAtSeconds);
        m.put("student", student);
        m.put("transfer", transfer);
        m.put("transfer_rows", transferRows);
        m.put("labelled", labelled);
        m.put("teacher_outputs", result.teacherOutputs());
        m.put("temperature", settings.temperature());
        m.put("alpha", settings.alpha());
        m.put("epochs", settings.epochs());
        m.put("batch", settings.batchSize());
        m.put("seed", settings.seed());
        m.put("hints", result.hints());
        m.put("hint_weight", result.hints().isEmpty() ? null : settings.hintWeight());
        m.put("loss_per_epoch", List.copyOf(result.lossPerEpoch()));
        return m;
    }
}
