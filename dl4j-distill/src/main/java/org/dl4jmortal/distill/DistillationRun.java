package org.dl4jmortal.distill;

import org.dl4jmortal.distill.eval.Batched;
import org.dl4jmortal.distill.eval.DistillReport;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.eval.Fidelity;
import org.dl4jmortal.distill.eval.TeacherReference;
import org.dl4jmortal.spi.chip.SimulatedTime;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.distill.DistillationListener;
import org.dl4jmortal.spi.distill.DistillationResult;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.Distiller;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.distill.TransferSet;

/**
 * One measured distillation (DESIGN.md §4): the distiller trains the student on the transfer set, then the teacher's
 * reference (majority over K passes and self-agreement) and the student's fidelity are measured on held-out rows. The
 * distillation's queries and the evaluation's queries are counted apart, both from the teacher's ledger.
 */
public final class DistillationRun {
    private DistillationRun() {
    }

    /**
     * @param distiller the method
     * @param teacher   the black box
     * @param student   the student (trained in place)
     * @param transfer  the transfer set
     * @param settings  the settings
     * @param eval      the held-out rows
     * @param passes    K, passes of the teacher's majority, {@code >= 1}
     * @param listener  progress of the distillation
     * @return the report
     * @throws IllegalArgumentException as {@link Distiller#distil} and {@link TeacherReference#measure}
     */
    public static DistillReport run(Distiller distiller, TappedModel teacher, Student student, TransferSet transfer,
                                    DistillationSettings settings, EvaluationSet eval, int passes,
                                    DistillationListener listener) {
        if (passes < 1) {
            throw new IllegalArgumentException("the teacher's majority needs K >= 1 passes, got " + passes);
        }
        if (eval.inputs().columns() != teacher.inputSize()) {
            throw new IllegalArgumentException("evaluation rows have " + eval.inputs().columns()
                    + " values but the teacher takes " + teacher.inputSize());
        }
        DistillationResult result = distiller.distil(teacher, student, transfer, settings, listener);
        long t0 = System.nanoTime();
        TeacherReference reference = TeacherReference.measure(teacher, eval, passes, settings.queryBatch());
        Fidelity fidelity = Fidelity.of(Batched.apply(student::output, eval.inputs(), settings.queryBatch()),
                reference, eval);
        double at = teacher instanceof SimulatedTime t ? t.secondsSinceProgramming() : Double.NaN;
        return new DistillReport(result, settings, student.description(), transfer.description(), transfer.rows(),
                transfer.labelled(), reference, fidelity, at, (System.nanoTime() - t0) / 1e9);
    }
}
