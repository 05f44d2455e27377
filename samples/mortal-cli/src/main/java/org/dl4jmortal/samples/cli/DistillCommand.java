package org.dl4jmortal.samples.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.distill.DistillationRun;
import org.dl4jmortal.distill.eval.DistillReport;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.method.HintDistiller;
import org.dl4jmortal.distill.transfer.TransferSpec;
import org.dl4jmortal.samples.chip.ChipFiles;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.samples.distill.DistillData;
import org.dl4jmortal.samples.distill.DistillPlots;
import org.dl4jmortal.samples.distill.ProgressListener;
import org.dl4jmortal.samples.distill.StudentFiles;
import org.dl4jmortal.samples.distill.Students;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.MetricsWriter;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.Distiller;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.distill.TransferSet;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mortal distill}: copies a chip's knowledge into a student by distillation (issue 5, DESIGN.md §4) and writes
 * {@code student.zip} (an ordinary DL4J model, or the chip image of a chip student), {@code metrics.json}
 * ({@code {"distill":{"method","agreement","teacher_self_agreement","kl","teacher_accuracy","student_accuracy",
 * "queries",...}}}) and {@code distill.png} (loss per epoch). The teacher is seen only as a black box.
 */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Distil a chip into a student network and measure the copy.",
            "Methods: kd (Hinton, Vinyals & Dean 2015: L = alpha T^2 KL(p_t^T || p_s^T) + (1 - alpha) CE(y, p_s)),",
            "hint (FitNets, Romero et al. 2015: student layers regress teacher taps through linear adapters, plus kd).",
            "Defaults: T = 4, alpha = 0.9, 10 epochs, batch 64, student Adam 1e-3 x0.8 per epoch (in-place chip students:",
            "SGD 0.05 x0.8 per epoch), teacher outputs queried once per transfer row and cached (--requery: every epoch).",
            "Measured on the test images against the teacher's majority over K = 5 passes, beside the teacher's",
            "self-agreement (one more pass against that majority); KL(teacher || student) in nats; queries from the",
            "teacher's ledger.",
            "Writes student.zip, metrics.json and distill.png to the output folder."})
public final class DistillCommand implements Callable<Integer> {
    /** Output folder used without {@code --out}. */
    public static final String DEFAULT_OUT = "out/distill";

    @Option(names = "--chip", required = true, paramLabel = "FILE", description = "the teacher: a chip image (chip.zip)")
    File chipFile;

    @Mixin
    AtOption at;

    @Option(names = "--student", defaultValue = "mlp", paramLabel = "SPEC",
            description = "mlp (the teacher's shape), mlp:784-256-128-10 (digital, Adam), or "
                    + "inplace:DEVICE:784-256-128-10 (a fresh chip trained in place) (default: ${DEFAULT-VALUE})")
    String student;

    @Option(names = "--method", defaultValue = "kd", paramLabel = "kd|hint",
            description = "distiller plugin name (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--transfer", defaultValue = "train", paramLabel = "SET",
            description = "train | unlabelled | gaussian:N | uniform:N | synthetic:N (= gaussian:N) | mixup:N[:ROWS] "
                    + "(N real training images and ROWS mixtures, default 60000) | taps:DIR (a recorded npy export of "
                    + "this teacher) (default: ${DEFAULT-VALUE})")
    String transfer;

    @Mixin
    KdOptions kd;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "minibatch rows (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", paramLabel = "LR",
            description = "student learning rate (default: Adam 0.001 for digital students, SGD 0.05 for in-place chip "
                    + "students)")
    Double learningRate;

    @Option(names = "--lr-decay", paramLabel = "D",
            description = "learning-rate factor per epoch in (0, 1]; 1 keeps it constant (default: 0.8)")
    Double learningRateDecay;

    @Option(names = "--hints", split = ",", paramLabel = "LAYER=TAP",
            description = "hint mapping, student layer = teacher tap, e.g. hidden1=hidden1.post (default for hint: "
                    + "student hidden layers matched in order with the teacher's hidden .post taps)")
    List<String> hints = new ArrayList<>();

    @Option(names = "--hint-weight", defaultValue = "1", paramLabel = "W",
            description = "weight of each hint's MSE (default: ${DEFAULT-VALUE})")
    double hintWeight;

    @Option(names = "--requery", description = "query the teacher afresh every epoch instead of once (exposes the "
            + "student to read noise; costs one query per transfer row per epoch)")
    boolean requery;

    @Mixin
    MajorityReferenceOptions reference;

    @Mixin
    DataOption data;
    @Mixin
    OutputOption output;
    @Mixin
    SeedOption seed;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    private final PrintStream out;

    /** As the launcher runs it: results to standard output. */
    public DistillCommand() {
        this(System.out);
    }

    /** @param out where results go */
    public DistillCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * @return 0
     * @throws UserInputException on a bad option value, chip, data folder, student or transfer set
     * @throws IOException        if data cannot be read or results written
     */
    @Override
    public Integer call() throws IOException {
        int passes = reference.passes();
        DistillationSettings settings;
        TransferSpec spec;
        Map<String, String> hintMap = parseHints(hints);
        try {
            settings = kd.settings().batchSize(batch).seed(seed.seed()).requery(requery).hints(hintMap)
                    .hintWeight(hintWeight).build();
            spec = TransferSpec.parse(transfer);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(optionNames(e.getMessage()));
        }
        Distiller distiller;
        try {
            distiller = MortalRegistry.global().get(PluginKind.DISTILLER, method);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--method: " + e.getMessage());
        }
        Path outDir = output.prepare(DEFAULT_OUT);
        FashionMnist source = data.resolve(FashionMnist.DefaultSource.DEBIAN_IF_PRESENT);
        AnalogChip teacher = ChipFiles.open(chipFile, Map.of(), at.seconds());
        LabelledImages train = source.train();
        EvaluationSet eval = DistillData.evaluation(source.test(), reference.testImages());
        Student s;
        TransferSet set;
        try {
            s = Students.create(student, teacher, seed.seed(), learningRate, learningRateDecay);
            List<String> taps = method.equals(HintDistiller.NAME) ? new ArrayList<>(hintMap.isEmpty()
                    ? HintDistiller.defaultMapping(teacher, s).values() : hintMap.values()) : List.of();
            set = DistillData.transfer(spec, train, teacher.inputSize(), seed.seed(), taps);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        Progress progress = quiet ? Progress.silent() : Progress.console();
        DistillReport report;
        try {
            report = DistillationRun.run(distiller, teacher, s, set, settings, eval, passes,
                    new ProgressListener(progress, out, method, settings.epochs()));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        StudentFiles.save(s, outDir.resolve("student.zip"));
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> section = report.toMap();
        section.put("data", source.sourceName());
        section.put("chip", chipFile.getAbsolutePath());
        root.put("distill", section);
        new MetricsWriter().write(root, outDir.resolve("metrics.json"));
        DistillPlots.writeLossCurve(report.result().lossPerEpoch(), method + " distillation of " + chipFile.getName(),
                outDir.resolve("distill.png"));
        out.printf(Locale.ROOT, "%s: agreement %.4f (teacher self-agreement %.4f over K = %d), KL %.4f, accuracy "
                        + "student %.4f teacher %.4f, %d queries (+%d for the evaluation), %.0f s -> %s%n", method,
                report.fidelity().agreement(), report.reference().selfAgreement(), passes, report.fidelity().kl(),
                report.fidelity().accuracy(), report.reference().accuracy(), report.result().queries(),
                report.reference().queries(), report.result().seconds(), outDir);
        return 0;
    }

    /**
     * @param pairs {@code layer=tap} entries
     * @return the mapping in order
     * @throws UserInputException if an entry is not {@code layer=tap} or a layer is given twice
     */
    static Map<String, String> parseHints(List<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new UserInputException("--hints entries are STUDENT_LAYER=TEACHER_TAP, e.g. hidden1=hidden1.post;"
                        + " got '" + p + "'");
            }
            if (m.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim()) != null) {
                throw new UserInputException("--hints names student layer '" + p.substring(0, eq) + "' twice");
            }
        }
        return m;
    }

    private static String optionNames(String message) {
        return KdOptions.optionNames(message).replace("batch size must", "--batch must")
                .replace("hint weight", "--hint-weight");
    }
}
