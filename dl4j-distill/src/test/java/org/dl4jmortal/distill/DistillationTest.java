package org.dl4jmortal.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.distill.eval.DistillReport;
import org.dl4jmortal.distill.eval.Batched;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.eval.Fidelity;
import org.dl4jmortal.distill.eval.TeacherReference;
import org.dl4jmortal.distill.student.ChipStudent;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.dl4jmortal.distill.loss.Distributions;
import org.dl4jmortal.distill.method.HintDistiller;
import org.dl4jmortal.distill.method.KdDistiller;
import org.dl4jmortal.distill.student.MlpSpec;
import org.dl4jmortal.distill.student.NetworkStudent;
import org.dl4jmortal.spi.distill.DistillationListener;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.distill.TransferSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Distillation out of a small PCM chip (12-10-4, programming and read noise, converters): fidelity, the query
 * counts of the ledger, same seed same metrics, and every kind of bad input.
 */
class DistillationTest extends BaseDL4JTest {
    private static final int TRANSFER = 1500;
    private static final int TEST = 400;

    @Override
    public DataType getDataType() {
        return DataType.FLOAT;
    }

    private static EvaluationSet eval(AnalogChip teacher) {
        INDArray x = TestNets.rows(2, TEST);
        int[] truth = Distributions.top1(teacher.evaluationOracle().noiseFreeOutput(x));
        return new EvaluationSet(x, TestNets.oneHot(truth, TestNets.OUT));
    }

    private static DistillReport distil(long seed) {
        AnalogChip teacher = TestNets.teacherChip(3);
        EvaluationSet eval = eval(teacher);
        Student student = NetworkStudent.of(new MlpSpec(List.of(12, 16, 4)).digital(seed, 1e-2));
        return DistillationRun.run(new KdDistiller(), teacher, student,
                TransferSet.of("uniform rows", TestNets.rows(1, TRANSFER), null),
                DistillationSettings.builder().epochs(6).seed(seed).build(), eval, 5, DistillationListener.NONE);
    }

    @Test
    void studentAgreesWithTheNoisyTeacherAboutAsOftenAsTheTeacherWithItself() {
        DistillReport r = distil(11);
        assertTrue(r.fidelity().agreement() >= r.reference().selfAgreement() - 0.05,
                "agreement " + r.fidelity().agreement() + " self-agreement " + r.reference().selfAgreement());
        assertTrue(r.reference().selfAgreement() < 1.0, "a noisy chip disagrees with its own majority sometimes");
        // the ledger: one query per transfer row; K = 5 passes plus one self-agreement pass on the test rows
        assertEquals(TRANSFER, r.result().queries());
        assertEquals(6L * TEST, r.reference().queries());
        assertEquals(0, r.result().tapReads());
        assertEquals("cached", r.result().teacherOutputs());
        assertEquals(6, r.result().lossPerEpoch().size());
        assertTrue(r.result().lossPerEpoch().get(5) < r.result().lossPerEpoch().get(0), "the loss falls");
    }

    @Test
    void aChipStudentTrainedInPlaceLearnsTheTeacher() {
        AnalogChip teacher = TestNets.teacherChip(3);
        EvaluationSet eval = eval(teacher);
        TeacherReference reference = TeacherReference.measure(teacher, eval, 5, 500);
        ChipFactory factory = MortalRegistry.global().get(PluginKind.CHIP_FACTORY, "simulated");
        ChipStudent student = new ChipStudent(factory.create(new MlpSpec(List.of(12, 10, 4)).chipDesign("soft-bounds",
                Map.of(), 8)), 0.1, 0.8);
        double before = Fidelity.of(Batched.apply(student::output, eval.inputs(), 500), reference, eval).agreement();
        var r = new KdDistiller().distil(teacher, student, TransferSet.of("uniform rows", TestNets.rows(1, TRANSFER),
                null), DistillationSettings.builder().epochs(4).build());
        double after = Fidelity.of(Batched.apply(student::output, eval.inputs(), 500), reference, eval).agreement();
        assertTrue(after >= before + 0.2 && after >= 0.7, "in-place kd: agreement " + before + " -> " + after);
        assertEquals(4, r.lossPerEpoch().size());
        assertEquals(0.1 * Math.pow(0.8, 4), student.learningRate(), 1e-12, "the rate decays once per epoch");
    }

    @Test
    void sameSeedSameMetrics() {
        Map<String, Object> a = withoutTimes(distil(5).toMap());
        Map<String, Object> b = withoutTimes(distil(5).toMap());
        assertEquals(a, b);
        assertNotEquals(a.get("loss_per_epoch"), withoutTimes(distil(6).toMap()).get("loss_per_epoch"),
                "another seed gives another run");
    }

    private static Map<String, Object> withoutTimes(Map<String, Object> m) {
        m.remove("seconds");
        m.remove("evaluation_seconds");
        return m;
    }

    @Test
    void requeryingCostsOneQueryPerRowPerEpoch() {
        AnalogChip teacher = TestNets.teacherChip(3);
        Student student = NetworkStudent.of(new MlpSpec(List.of(12, 8, 4)).digital(1, 1e-2));
        var r = new KdDistiller().distil(teacher, student, TransferSet.of("rows", TestNets.rows(1, 200), null),
                DistillationSettings.builder().epochs(3).requery(true).build());
        assertEquals(3L * 200, r.queries());
        assertEquals("requeried", r.teacherOutputs());
    }

    @Test
    void studentOfTheWrongInputOrOutputWidthIsRejected() {
        AnalogChip teacher = TestNets.teacherChip(3);
        TransferSet t = TransferSet.of("rows", TestNets.rows(1, 50), null);
        Student narrow = NetworkStudent.of(new MlpSpec(List.of(10, 8, 4)).digital(1, 1e-3));
        IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
                () -> new KdDistiller().distil(teacher, narrow, t, DistillationSettings.builder().build()));
        assertTrue(in.getMessage().contains("the student takes 10 inputs per row but the teacher takes 12"),
                in.getMessage());
        Student fewClasses = NetworkStudent.of(new MlpSpec(List.of(12, 8, 3)).digital(1, 1e-3));
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> new HintDistiller().distil(teacher, fewClasses, t, DistillationSettings.builder().build()));
        assertTrue(out.getMessage().contains("the student has 3 outputs but the teacher has 4"), out.getMessage());
        assertEquals(0, teacher.ledger().queries(), "nothing is queried before the shapes are checked");
    }

    @Test
    void transferSetOfTheWrongWidthIsRejected() {
        AnalogChip teacher = TestNets.teacherChip(3);
        Student student = NetworkStudent.of(new MlpSpec(List.of(12, 8, 4)).digital(1, 1e-3));
        TransferSet wrong = TransferSet.of("eleven columns", TestNets.rows(1, 50).getColumns(
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KdDistiller().distil(teacher, student, wrong, DistillationSettings.builder().build()));
        assertTrue(e.getMessage().contains("the transfer set's rows have 11 values but the teacher takes 12"),
                e.getMessage());
    }

    @Test
    void unknownTapOrLayerInAHintMappingIsRejected() {
        AnalogChip teacher = TestNets.teacherChip(3);
        Student student = NetworkStudent.of(new MlpSpec(List.of(12, 8, 4)).digital(1, 1e-3));
        TransferSet t = TransferSet.of("rows", TestNets.rows(1, 50), null);
        IllegalArgumentException tap = assertThrows(IllegalArgumentException.class, () -> new HintDistiller()
                .distil(teacher, student, t, DistillationSettings.builder()
                        .hints(Map.of("hidden1", "hidden9.post")).build()));
        assertTrue(tap.getMessage().contains("the teacher has no tap 'hidden9.post'; valid taps: [hidden1.pre, "
                + "hidden1.post, output.pre, output.post]"), tap.getMessage());
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class, () -> new HintDistiller()
                .distil(teacher, student, t, DistillationSettings.builder()
                        .hints(Map.of("output", "hidden1.post")).build()));
        assertTrue(layer.getMessage().contains("the student has no layer 'output' that can take a hint; layers that"
                + " can: [hidden1]"), layer.getMessage());
        IllegalArgumentException kd = assertThrows(IllegalArgumentException.class, () -> new KdDistiller()
                .distil(teacher, student, t, DistillationSettings.builder()
                        .hints(Map.of("hidden1", "hidden1.post")).build()));
        assertTrue(kd.getMessage().contains("needs the hint method"), kd.getMessage());
    }

    @Test
    void recordedOutputsCannotBeRequeried() {
        AnalogChip teacher = TestNets.teacherChip(3);
        Student student = NetworkStudent.of(new MlpSpec(List.of(12, 8, 4)).digital(1, 1e-3));
        INDArray x = TestNets.rows(1, 20);
        TransferSet recorded = new TransferSet("recorded", x, null, teacher.output(x), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KdDistiller()
                .distil(teacher, student, recorded, DistillationSettings.builder().requery(true).build()));
        assertTrue(e.getMessage().contains("re-querying every epoch needs live queries"), e.getMessage());
    }
}
