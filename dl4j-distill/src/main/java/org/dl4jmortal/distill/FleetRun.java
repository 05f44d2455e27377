package org.dl4jmortal.distill;

import java.util.List;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.distill.eval.DistillReport;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.fleet.CloneFleet;
import org.dl4jmortal.distill.fleet.CloneResult;
import org.dl4jmortal.distill.fleet.FleetReport;
import org.dl4jmortal.distill.fleet.FleetSettings;
import org.dl4jmortal.distill.method.KdDistiller;
import org.dl4jmortal.distill.method.TeacherOutputs;
import org.dl4jmortal.distill.student.NetworkStudent;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.chip.ProgrammableChip;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.distill.DistillationListener;
import org.dl4jmortal.spi.distill.DistillationResult;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.TransferSet;

/**
 * Clones and fleets end to end (DESIGN.md §4): the original chip is queried once on the transfer rows, a digital
 * network is distilled from those outputs with {@code kd} (the same recorded outputs later fine-tune the clones, so no
 * row is queried twice), the teacher's majority reference is measured, and N fresh chips are programmed from the
 * digital network and measured ({@link CloneFleet}).
 */
public final class FleetRun {
    private FleetRun() {
    }

    /**
     * @param teacher  the original chip
     * @param digital  an initialised digital network of the teacher's shape (trained in place)
     * @param transfer the transfer rows (queried once unless already recorded)
     * @param settings distillation settings (also the fine-tuning's, with the fleet's epochs)
     * @param eval     the held-out rows
     * @param passes   K, passes of the teacher's majority
     * @param factory  where fresh chips come from
     * @param fleet    N, device, seed, fine-tuning
     * @param listener progress of the distillation
     * @param onClone  called with each measured clone chip, may be null
     * @return the report
     * @throws IllegalArgumentException as {@link DistillationRun#run} and {@link CloneFleet#run}
     */
    public static FleetReport run(TappedModel teacher, MultiLayerNetwork digital, TransferSet transfer,
                                  DistillationSettings settings, EvaluationSet eval, int passes, ChipFactory factory,
                                  FleetSettings fleet, DistillationListener listener,
                                  BiConsumer<Integer, ProgrammableChip> onClone) {
        long q0 = teacher.ledger().queries();
        long t0 = System.nanoTime();
        TransferSet recorded = transfer;
        if (!transfer.recorded()) {
            if (transfer.width() != teacher.inputSize()) {
                throw new IllegalArgumentException("the transfer set's rows have " + transfer.width()
                        + " values but the teacher takes " + teacher.inputSize() + " (" + transfer.description() + ")");
            }
            TeacherOutputs.Read read = TeacherOutputs.query(teacher, transfer.inputs(), List.of(),
                    settings.queryBatch());
            recorded = new TransferSet(transfer.description(), transfer.inputs(), transfer.labels(), read.outputs(),
                    java.util.Map.of());
        }
        long recordQueries = teacher.ledger().queries() - q0;
        double recordSeconds = (System.nanoTime() - t0) / 1e9;
        DistillReport d = DistillationRun.run(new KdDistiller(), teacher, NetworkStudent.of(digital), recorded,
                settings, eval, passes, listener);
        DistillationResult r = d.result();
        DistillationResult asQueried = new DistillationResult(r.method(), r.lossPerEpoch(), recordQueries + r.queries(),
                r.tapReads(), recordSeconds + r.seconds(), r.hints(), transfer.recorded() ? "recorded" : "cached");
        DistillReport distill = new DistillReport(asQueried, d.settings(), d.student(), d.transfer(), d.transferRows(),
                d.labelled(), d.reference(), d.fidelity(), d.teacherAtSeconds(), d.evaluationSeconds());
        List<CloneResult> clones = CloneFleet.run(digital, factory, fleet, teacher, recorded, settings,
                d.reference(), eval, onClone);
        return new FleetReport(distill, fleet, clones, teacher.ledger().queries() - q0);
    }
}
