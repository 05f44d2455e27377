package org.dl4jmortal.samples.copyout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.device.DeviceSettings;
import org.dl4jmortal.probe.record.RecordingSummary;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sample (b): the copy-out story on one mortal chip. (1) the chip, trained in place (or loaded), and its reference:
 * majority vote over K passes and self-agreement; (2) taps of every layer on the transfer images, to {@code .npy};
 * (3) readable copies by every {@link CopyMethod} of {@link #copyMethods}; (4) a fleet of clones programmed from each
 * copy, with their agreement at 1 s and 1 day. Writes {@code copy-out.json} and {@code report.md}. Run it from the
 * repository root with {@code mvn -q -pl samples/copy-out -am compile exec:java}; see the module's README.
 */
@Command(name = "copy-out", mixinStandardHelpOptions = true,
        description = "Copy a mortal chip out: taps, readable copies (reconstruction, distillation), a fleet of clones.")
public final class CopyOut implements Callable<Integer> {
    @Option(names = "--chip", description = "a chip file to copy; without it the sample trains one in place")
    Path chip;

    @Option(names = "--device", defaultValue = "soft-bounds", description = "pulsed device of the chip it trains (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--epochs", defaultValue = "1", description = "epochs of the chip it trains (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--hidden", defaultValue = "256,128", split = ",", description = "hidden widths of the chip it trains (default: ${DEFAULT-VALUE})")
    List<Integer> hidden = new ArrayList<>();

    @Option(names = "--at", defaultValue = "86400", description = "seconds since programming when copied (default: ${DEFAULT-VALUE} = 1 day)")
    double at;

    @Option(names = "--budget", defaultValue = "0", description = "reconstruction query budget, 0 = the method's default")
    long budget;

    @Option(names = "--distiller", defaultValue = "kd", description = "distiller plugin of the distillation copy: kd or hint (default: ${DEFAULT-VALUE})")
    String distiller;

    @Option(names = "--distill-epochs", defaultValue = "" + DistillationSettings.DEFAULT_EPOCHS,
            description = "epochs of the distillation copy (default: ${DEFAULT-VALUE}, as mortal distill)")
    int distillEpochs;

    @Option(names = "--clones", defaultValue = "5", description = "fleet size (default: ${DEFAULT-VALUE})")
    int clones;

    @Option(names = "--fleet-device", defaultValue = "pcm", description = "device of the clones (default: ${DEFAULT-VALUE})")
    String fleetDevice;

    @Option(names = "--passes", defaultValue = "5", description = "passes of the chip's majority vote, K (default: ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--train-per-class", defaultValue = "1000", description = "training and transfer images per class (default: ${DEFAULT-VALUE})")
    int trainPerClass;

    @Option(names = "--test-per-class", defaultValue = "200", description = "test images per class (default: ${DEFAULT-VALUE})")
    int testPerClass;

    @Option(names = "--data", defaultValue = "embedded", description = "embedded, full or a folder (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "out/copy-out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    /** The folder of the tap files under the output folder. */
    static final String TAPS_FOLDER = "taps";

    private Map<String, Object> report;

    /**
     * The copy methods this sample runs, in order; each copy is measured and cloned into its own fleet.
     * <p>
     * Weight reconstruction ({@link ReconstructionCopy}, module dl4j-probe, reconstructor {@code least-squares}),
     * then distillation ({@link DistillationCopy}, module dl4j-distill, distiller {@code --distiller}: {@code kd}
     * after Hinton, Vinyals &amp; Dean 2015 or {@code hint} after Romero et al. 2015) on the tap files of step 2.
     *
     * @param config the run's configuration
     * @return the methods
     */
    static List<CopyMethod> copyMethods(CopyOutConfig config) {
        return List.of(new ReconstructionCopy("least-squares", config.budget()),
                new DistillationCopy(config.distiller(), config.distillEpochs(), config.out().resolve(TAPS_FOLDER)));
    }

    /**
     * @return 0
     * @throws IOException              if the data cannot be read or an output not written
     * @throws IllegalArgumentException on a bad option value (the message says which and what is allowed)
     */
    @Override
    public Integer call() throws IOException {
        CopyOutConfig config = new CopyOutConfig(chip, device, epochs, hidden, at, budget, distiller, distillEpochs, clones, fleetDevice, passes,
                trainPerClass, testPerClass, data, seed, out);
        report = run(config, System.out);
        return 0;
    }

    /**
     * @param config what to do
     * @param log    where progress lines and the final table go
     * @return the report written to {@code copy-out.json}
     * @throws IOException              if the data cannot be read or an output not written
     * @throws IllegalArgumentException if the chip cannot be copied or a device is unknown
     */
    public static Map<String, Object> run(CopyOutConfig config, PrintStream log) throws IOException {
        DeviceSettings.resolve(config.fleetDevice(), Map.of());   // an unknown fleet device fails before any work
        MortalRegistry.global().get(PluginKind.DISTILLER, config.distiller());   // so does an unknown distiller
        if (config.chip() == null) {
            DeviceSettings.resolve(config.teacherDevice(), Map.of());
        }
        FashionMnist source = FashionMnist.resolve(config.data(), FashionMnist.DefaultSource.EMBEDDED);
        LabelledImages transfer = source.train().firstPerClass(config.trainPerClass());
        LabelledImages test = source.test().firstPerClass(config.testPerClass());
        CopyOutData d = CopyOutData.of(transfer, test);
        Files.createDirectories(config.out());

        // 1. the mortal chip and the reference every copy is measured against
        AnalogChip teacher = TeacherChip.obtain(config, new ImageDataSetIterator(transfer, 64, true, config.seed()), log);
        TeacherReference reference = TeacherReference.measure(teacher, d.testInputs(), d.testLabels(), config.passes());
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> chipRow = new LinkedHashMap<>();
        chipRow.put("device", teacher.info().device());
        chipRow.put("created_by", teacher.info().createdBy());
        chipRow.put("at_seconds", config.atSeconds());
        chipRow.put("passes", config.passes());
        chipRow.put("accuracy", reference.accuracy());
        chipRow.put("self_agreement", reference.selfAgreement());
        chipRow.put("reference_queries", reference.queries());
        root.put("chip", chipRow);
        log.printf("chip at %.0f s: majority-vote accuracy %.4f, self-agreement %.4f (K = %d)%n", config.atSeconds(),
                reference.accuracy(), reference.selfAgreement(), config.passes());

        // 2. taps: every layer of the chip on the transfer images, streamed to .npy
        RecordingSummary taps = TapsStep.record(teacher, transfer, config.out().resolve(TAPS_FOLDER), config.seed());
        Map<String, Object> tapsRow = new LinkedHashMap<>();
        tapsRow.put("rows", taps.rows());
        tapsRow.put("files", taps.files().stream().map(p -> p.getFileName().toString()).toList());
        tapsRow.put("bytes", taps.bytes());
        tapsRow.put("seconds", taps.seconds());
        tapsRow.put("ledger", taps.ledger());
        root.put("taps", tapsRow);
        log.printf("taps: %d rows x %d taps to %s (%.1f MB)%n", taps.rows(), taps.files().size(),
                config.out().resolve(TAPS_FOLDER), taps.bytes() / 1e6);

        // 3. readable copies, and 4. a fleet of clones from each
        List<Map<String, Object>> copies = new ArrayList<>();
        for (CopyMethod method : copyMethods(config)) {
            CopyResult copy = method.copy(teacher, d, config.seed());
            int[] predicted = Agreement.top1(copy.network().output(d.testInputs()));
            List<Fleet.Clone> fleet = Fleet.program(copy.network(), config.clones(), config.fleetDevice(),
                    config.seed(), d, reference);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", copy.method());
            row.put("queries", copy.queries());
            row.put("seconds", copy.seconds());
            row.put("agreement", Agreement.agreement(predicted, reference.majority()));
            row.put("accuracy", Agreement.agreement(predicted, d.testLabels()));
            row.put("details", copy.details());
            row.put("fleet_device", config.fleetDevice());
            row.put("clones", fleet);
            row.put("fleet_mean_agreement", fleet.stream().mapToDouble(Fleet.Clone::agreement).average().orElse(0));
            row.put("fleet_worst_agreement", fleet.stream().mapToDouble(Fleet.Clone::agreement).min().orElse(0));
            copies.add(row);
            log.printf("%s: %d queries, %.1f s, agreement %.4f, accuracy %.4f; fleet of %d on %s: mean agreement %.4f,"
                            + " worst %.4f%n", copy.method(), copy.queries(), copy.seconds(), row.get("agreement"),
                    row.get("accuracy"), fleet.size(), config.fleetDevice(), row.get("fleet_mean_agreement"),
                    row.get("fleet_worst_agreement"));
        }
        root.put("copies", copies);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(config.out().resolve("copy-out.json").toFile(), Map.of("copy_out", root));
        String md = CopyOutReport.markdown(root);
        Files.writeString(config.out().resolve("report.md"), md, StandardCharsets.UTF_8);
        log.println();
        log.print(md);
        return root;
    }

    /** @return the report of the last {@link #call()}, or null before it */
    public Map<String, Object> report() {
        return report;
    }

    /**
     * @param sample the command object
     * @return its command line: a bad option value prints {@code copy-out: error: ...} and exits with 3
     */
    public static CommandLine commandLine(CopyOut sample) {
        CommandLine cl = new CommandLine(sample);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                line.getErr().println("copy-out: error: " + e.getMessage());
                line.getErr().flush();
                return 3;
            }
            throw e;
        });
        return cl;
    }

    /**
     * @param args the options (see {@code --help})
     */
    public static void main(String[] args) {
        int status = commandLine(new CopyOut()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
