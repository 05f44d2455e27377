package org.dl4jmortal.samples.distill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.distill.DistillationRun;
import org.dl4jmortal.distill.eval.DistillReport;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.eval.TeacherReference;
import org.dl4jmortal.distill.method.KdDistiller;
import org.dl4jmortal.distill.transfer.TransferSpec;
import org.dl4jmortal.samples.demo.DemoStep;
import org.dl4jmortal.samples.demo.DemoStepContext;
import org.dl4jmortal.samples.demo.DemoStepResult;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.distill.TransferSet;

/**
 * The demo's distillation step (metrics key {@value #KEY}): the teacher chip ({@link DemoTeacher}: the in-place trained
 * chip if there is one, else the converted chip, one day after programming) is distilled with {@code kd} into a digital
 * MLP of its shape on the demo's labelled training images, {@value #EPOCHS} epochs and the other defaults (T = 4,
 * alpha = 0.9, Adam 1e-3 x0.8 per epoch, teacher queried once), and measured on the demo's test images. Writes {@code student.zip}
 * (artefact {@code "student"}) and {@code distill.png}.
 */
public final class DistillDemoStep implements DemoStep {
    /** Metrics key. */
    public static final String KEY = "distill";
    /** Distillation epochs in the demo (small: the demo runs on the embedded data in minutes). */
    public static final int EPOCHS = 5;
    /** Student file name. */
    public static final String STUDENT_FILE = "student.zip";
    /** Loss plot file name. */
    public static final String PLOT_FILE = "distill.png";

    @Override
    public String name() {
        return "distillation";
    }

    @Override
    public DemoStepResult run(DemoStepContext context) throws IOException {
        AnalogChip teacher = DemoTeacher.load(context);
        long seed = context.config().seed();
        TransferSet transfer = DistillData.transfer(TransferSpec.parse("train"), context.train(), teacher.inputSize(),
                seed, List.of());
        EvaluationSet eval = DistillData.evaluation(context.test(), 0);
        Student student = Students.create("mlp", teacher, seed, null, null);
        DistillationSettings settings = DistillationSettings.builder().epochs(EPOCHS).seed(seed).build();
        DistillReport report = DistillationRun.run(new KdDistiller(), teacher, student, transfer, settings, eval,
                TeacherReference.DEFAULT_PASSES, new ProgressListener(context.progress(), null, "distill (kd)", EPOCHS));
        Path studentFile = context.outDir().resolve(STUDENT_FILE);
        StudentFiles.save(student, studentFile);
        Path plot = context.outDir().resolve(PLOT_FILE);
        DistillPlots.writeLossCurve(report.result().lossPerEpoch(), "kd distillation of the demo chip", plot);
        Map<String, Object> metrics = report.toMap();
        metrics.put("chip", context.outDir().relativize(DemoTeacher.file(context)).toString());
        context.out().printf(Locale.ROOT, "distillation (kd): agreement %.4f with the chip's majority (self-agreement "
                        + "%.4f), student accuracy %.4f, chip %.4f, %d queries%n", report.fidelity().agreement(),
                report.reference().selfAgreement(), report.fidelity().accuracy(), report.reference().accuracy(),
                report.result().queries());
        String md = DistillMarkdown.distill(report, "Distillation") + "![kd loss per epoch](" + PLOT_FILE + ")\n\n";
        return new DemoStepResult(KEY, metrics, md, Map.of("student", studentFile, "distill-plot", plot));
    }
}
