package org.dl4jmortal.distill.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.distill.loss.KdLoss;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.distill.DistillationListener;
import org.dl4jmortal.spi.distill.DistillationResult;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.HintTarget;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.distill.TrainingBatch;
import org.dl4jmortal.spi.distill.TransferSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training loop both distillers share (DESIGN.md §4): check the shapes, obtain the teacher's outputs (and hinted
 * taps) on the transfer rows once (cached), every epoch ({@code requery}), or from the recording, turn them into
 * {@link KdLoss} targets, and run the epochs in a seeded minibatch order ({@link Minibatches}).
 */
final class DistillationLoop {
    private DistillationLoop() {
    }

    /**
     * Checks the widths of student, teacher and transfer set.
     *
     * @throws IllegalArgumentException naming the mismatch and what is needed
     */
    static void checkShapes(TappedModel teacher, Student student, TransferSet transfer) {
        if (student.inputSize() != teacher.inputSize()) {
            throw new IllegalArgumentException("the student takes " + student.inputSize() + " inputs per row but the"
                    + " teacher takes " + teacher.inputSize() + "; give the student an input width of "
                    + teacher.inputSize());
        }
        if (student.outputSize() != teacher.outputSize()) {
            throw new IllegalArgumentException("the student has " + student.outputSize() + " outputs but the teacher"
                    + " has " + teacher.outputSize() + "; give the student an output width of " + teacher.outputSize());
        }
        if (transfer.width() != teacher.inputSize()) {
            throw new IllegalArgumentException("the transfer set's rows have " + transfer.width() + " values but the"
                    + " teacher takes " + teacher.inputSize() + " (" + transfer.description() + ")");
        }
        if (transfer.labelled() && transfer.labels().columns() != teacher.outputSize()) {
            throw new IllegalArgumentException("the transfer set's labels have " + transfer.labels().columns()
                    + " classes but the teacher has " + teacher.outputSize() + " outputs");
        }
        if (transfer.recorded() && transfer.teacherOutputs().columns() != teacher.outputSize()) {
            throw new IllegalArgumentException("the recorded teacher outputs have " + transfer.teacherOutputs()
                    .columns() + " values per row but the teacher has " + teacher.outputSize() + " outputs");
        }
    }

    /**
     * Runs the distillation.
     *
     * @param method   the distiller's name, for the result
     * @param teacher  the black box
     * @param student  the student
     * @param transfer the transfer rows
     * @param settings the settings
     * @param hints    student layer to teacher tap (empty for kd), already validated
     * @param listener progress
     * @return the loss curve and the cost
     */
    static DistillationResult run(String method, TappedModel teacher, Student student, TransferSet transfer,
                                  DistillationSettings settings, Map<String, String> hints,
                                  DistillationListener listener) {
        checkShapes(teacher, student, transfer);
        if (transfer.rows() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("transfer sets are limited to " + Integer.MAX_VALUE + " rows");
        }
        long start = System.nanoTime();
        long queries0 = teacher.ledger().queries();
        long tapReads0 = teacher.ledger().tapReads();
        List<String> taps = new ArrayList<>(new java.util.LinkedHashSet<>(hints.values()));
        if (transfer.recorded() && settings.requery()) {
            throw new IllegalArgumentException("the transfer set holds recorded teacher outputs ("
                    + transfer.description() + "); re-querying every epoch needs live queries: drop the requery"
                    + " option or use a transfer set without recording");
        }
        TeacherOutputs.Kind kind = TeacherOutputs.kind(teacher);
        KdLoss loss = new KdLoss(settings.temperature(), settings.alpha());
        String how = transfer.recorded() ? "recorded" : settings.requery() ? "requeried" : "cached";
        TeacherOutputs.Read read = transfer.recorded() ? recorded(transfer, taps) : null;
        int rows = (int) transfer.rows();
        List<Double> curve = new ArrayList<>();
        INDArray targets = null;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            if (read == null || (settings.requery() && epoch > 1)) {
                read = TeacherOutputs.query(teacher, transfer.inputs(), taps, settings.queryBatch());
                targets = null;
            }
            if (targets == null) {
                targets = KdLoss.targets(TeacherOutputs.atTemperature(read.outputs(), kind, settings.temperature()),
                        transfer.labels());
            }
            int[] order = Minibatches.order(rows, settings.seed(), epoch);
            long batches = (rows + settings.batchSize() - 1) / settings.batchSize();
            listener.epochStarted(epoch, batches);
            double sum = 0;
            for (int from = 0; from < rows; from += settings.batchSize()) {
                int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(rows, from + settings.batchSize()));
                List<HintTarget> hintTargets = new ArrayList<>();
                for (Map.Entry<String, String> h : hints.entrySet()) {
                    hintTargets.add(new HintTarget(h.getKey(), h.getValue(), rowsOf(read.taps().get(h.getValue()), idx),
                            settings.hintWeight()));
                }
                sum += student.fit(new TrainingBatch(rowsOf(transfer.inputs(), idx), rowsOf(targets, idx), loss,
                        hintTargets));
                listener.batchDone();
            }
            student.epochDone();
            double mean = sum / batches;
            curve.add(mean);
            listener.epochDone(epoch, mean);
        }
        return new DistillationResult(method, curve, teacher.ledger().queries() - queries0,
                teacher.ledger().tapReads() - tapReads0, (System.nanoTime() - start) / 1e9, hints, how);
    }

    private static TeacherOutputs.Read recorded(TransferSet transfer, List<String> taps) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (String t : taps) {
            INDArray v = transfer.teacherTaps().get(t);
            if (v == null) {
                throw new IllegalArgumentException("the recorded transfer set (" + transfer.description()
                        + ") holds no values of the hinted teacher tap '" + t + "'; it holds " + transfer.teacherTaps()
                        .keySet() + " (record the tap, or choose a hint among these)");
            }
            values.put(t, v);
        }
        return new TeacherOutputs.Read(transfer.teacherOutputs(), values);
    }

    static INDArray rowsOf(INDArray matrix, int[] indices) {
        return Nd4j.pullRows(matrix, 1, indices);
    }
}
