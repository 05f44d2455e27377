package org.dl4jmortal.samples.distill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.hwa.HardwareAwareFineTuning;
import org.dl4jmortal.analog.hwa.HardwareAwareWeightNoise;
import org.dl4jmortal.distill.FleetRun;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.eval.TeacherReference;
import org.dl4jmortal.distill.fleet.FleetReport;
import org.dl4jmortal.distill.fleet.FleetSettings;
import org.dl4jmortal.distill.student.MlpSpec;
import org.dl4jmortal.distill.transfer.TransferSpec;
import org.dl4jmortal.samples.demo.DemoStep;
import org.dl4jmortal.samples.demo.DemoStepContext;
import org.dl4jmortal.samples.demo.DemoStepResult;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.TransferSet;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;

/**
 * The demo's fleet step (metrics key {@value #KEY}): the teacher chip ({@link DemoTeacher}) is distilled once with
 * {@code kd} ({@value #EPOCHS} epochs on the demo's training images without their labels: a copy follows the original
 * also where it errs; hardware-aware, with weight noise {@value #WEIGHT_NOISE} of each column's max |w|) into a digital
 * MLP of its shape, which is
 * programmed into {@value #CLONES} fresh PCM chips with their own seeds; each clone is measured against the teacher's
 * majority at 1 s and 1 day. Writes {@code clones.png}.
 */
public final class FleetDemoStep implements DemoStep {
    /** Metrics key. */
    public static final String KEY = "fleet";
    /** Clones in the demo. */
    public static final int CLONES = 3;
    /** Distillation epochs in the demo. */
    public static final int EPOCHS = 5;
    /** Hardware-aware weight noise of the distilled network, relative to each column's max |w| (as {@code clone}). */
    public static final double WEIGHT_NOISE = 0.05;
    /** Bar plot file name. */
    public static final String PLOT_FILE = "clones.png";

    @Override
    public String name() {
        return "fleet of clones";
    }

    @Override
    public DemoStepResult run(DemoStepContext context) throws IOException {
        AnalogChip teacher = DemoTeacher.load(context);
        long seed = context.config().seed();
        TransferSet transfer = DistillData.transfer(TransferSpec.parse("unlabelled"), context.train(), teacher.inputSize(),
                seed, List.of());
        EvaluationSet eval = DistillData.evaluation(context.test(), 0);
        MultiLayerNetwork digital = HardwareAwareFineTuning.copyWithWeightNoise(MlpSpec.like(teacher).digital(seed,
                Students.DIGITAL_LEARNING_RATE, Students.DIGITAL_DECAY), new HardwareAwareWeightNoise(WEIGHT_NOISE, seed),
                null);
        ChipFactory factory = MortalRegistry.global().get(PluginKind.CHIP_FACTORY, Students.FACTORY);
        FleetReport report = FleetRun.run(teacher, digital, transfer, DistillationSettings.builder().epochs(EPOCHS)
                        .seed(seed).build(), eval, TeacherReference.DEFAULT_PASSES, factory, FleetSettings.of(CLONES, seed),
                new ProgressListener(context.progress(), null, "fleet (kd)", EPOCHS), null);
        Path plot = context.outDir().resolve(PLOT_FILE);
        DistillPlots.writeCloneBars(report, plot);
        Map<String, Object> metrics = report.toMap();
        @SuppressWarnings("unchecked") Map<String, Object> fleet = (Map<String, Object>) metrics.get("fleet");
        fleet.put("weight_noise", WEIGHT_NOISE);
        context.out().printf(Locale.ROOT, "fleet of %d PCM clones: mean agreement %.4f (worst %.4f) at 1 s, %.4f "
                        + "(worst %.4f) at 1 day%n", CLONES, report.meanAgreement(), report.worstAgreement(),
                report.meanAgreement1d(), report.worstAgreement1d());
        String md = DistillMarkdown.fleet(report, "hardware-aware: weight noise " + WEIGHT_NOISE
                + " of each column's max |w| while it trained") + "![clone agreement](" + PLOT_FILE + ")\n\n";
        return new DemoStepResult(KEY, metrics, md, Map.of("clones-plot", plot));
    }
}
