package org.dl4jmortal.samples.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dl4jmortal.probe.record.DataSetIteratorSource;
import org.dl4jmortal.probe.record.NanPolicy;
import org.dl4jmortal.probe.record.OutputMode;
import org.dl4jmortal.probe.record.ProbeSource;
import org.dl4jmortal.probe.record.RecordingObserver;
import org.dl4jmortal.probe.record.RecordingSummary;
import org.dl4jmortal.probe.record.SyntheticProbes;
import org.dl4jmortal.probe.record.TapNaNException;
import org.dl4jmortal.probe.record.TapRecorder;
import org.dl4jmortal.probe.tap.ModelFiles;
import org.dl4jmortal.spi.chip.TappedModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mortal taps}: exports tap values of a chip or a DL4J model for a data folder or synthetic probes
 * (issue 4). One file per tap in the output folder plus {@code manifest.json}; progress on standard error, a summary
 * (rows, bytes, seconds, MB/s, NaN counts, the query ledger) on standard output.
 * <p>
 * Exit codes: 0 done, 1 input/output failure, 2 bad input (the message says what and what is allowed), 3 a tap read
 * NaN (rerun with {@code --allow-nan --resume} to record them).
 */
@Command(name = "taps", mixinStandardHelpOptions = true,
        description = "Export tap values (activations between layers) of a chip or a DL4J model to npy, csv or dl4j files.")
public final class TapsCommand implements Callable<Integer> {

    /** Which model to read. */
    static final class ModelChoice {
        @Option(names = "--chip", paramLabel = "FILE", required = true, description = "a chip file")
        File chip;
        @Option(names = "--model", paramLabel = "FILE", required = true,
                description = "a DL4J model zip saved with ModelSerializer (MultiLayerNetwork or ComputationGraph)")
        File model;
    }

    /** Which rows to send. */
    static final class DataChoice {
        @Option(names = "--data", paramLabel = "DIR|full|embedded", required = true,
                description = "Fashion-MNIST: a folder, 'full' (Debian's dataset-fashion-mnist) or 'embedded'; "
                        + "training images, then test images")
        File data;
        @Option(names = "--synthetic", paramLabel = "KIND:N", required = true,
                description = "synthetic probes: gaussian:N (N(0,1)) or uniform:N (U[0,1))")
        String synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelChoice modelChoice;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DataChoice dataChoice;

    @Option(names = "--taps", defaultValue = "all", split = ",", paramLabel = "all|NAME,...",
            description = "taps to export: all, or names such as 0.pre,hidden.post,output (default: ${DEFAULT-VALUE})")
    List<String> taps;

    @Option(names = "--format", defaultValue = "npy", paramLabel = "npy|csv|dl4j",
            description = "exporter plugin name (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", defaultValue = "out/taps", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    File out;

    @Option(names = "--resume", description = "continue the export in --out from its manifest")
    boolean resume;

    @Option(names = "--force", description = "replace an earlier export in --out (other files are left alone)")
    boolean force;

    @Option(names = "--seed", defaultValue = "1", description = "seed of synthetic probes and tap read noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch", defaultValue = "500", description = "rows per query batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--checkpoint-rows", defaultValue = "10000",
            description = "rows between checkpoints of the manifest (default: ${DEFAULT-VALUE})")
    long checkpointRows;

    @Option(names = "--allow-nan", description = "write NaN tap values as NaN instead of stopping (they are counted either way)")
    boolean allowNan;

    @Option(names = "--no-progress", description = "do not draw a progress bar")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    private final ChipLoader chipLoader;
    private final DataFolderLoader dataLoader;

    /** Uses the {@link ChipLoader} and {@link DataFolderLoader} found by {@link ServiceLoader}, if any. */
    public TapsCommand() {
        this(null, null);
    }

    /**
     * @param chipLoader opens {@code --chip} files; null to look one up with {@link ServiceLoader} when needed
     * @param dataLoader opens {@code --data} folders; null to look one up with {@link ServiceLoader} when needed
     */
    public TapsCommand(ChipLoader chipLoader, DataFolderLoader dataLoader) {
        this.chipLoader = chipLoader;
        this.dataLoader = dataLoader;
    }

    private static <T> T service(Class<T> type, String option) {
        Iterator<T> it = ServiceLoader.load(type).iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a " + type.getSimpleName() + ", and none is installed"
                    + " (META-INF/services/" + type.getName() + ")");
        }
        return it.next();
    }

    /**
     * Runs the export.
     *
     * @return the exit code (0 done, 1 I/O failure, 2 bad option syntax (picocli), 3 bad input, 4 NaN at a tap)
     */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        try {
            if (resume && force) {
                throw new IllegalArgumentException("--resume and --force exclude each other: resume continues the"
                        + " export in " + out + ", force replaces it");
            }
            TappedModel model;
            String modelDescription;
            if (modelChoice.chip != null) {
                ChipLoader loader = chipLoader != null ? chipLoader : service(ChipLoader.class, "--chip");
                model = loader.load(modelChoice.chip);
                modelDescription = "chip " + modelChoice.chip.getAbsolutePath();
            } else {
                model = ModelFiles.load(modelChoice.model);
                modelDescription = "DL4J model " + modelChoice.model.getAbsolutePath() + ": " + model;
            }
            ProbeSource source;
            if (dataChoice.synthetic != null) {
                source = SyntheticProbes.parse(dataChoice.synthetic, model.inputSize(), seed);
            } else {
                String name = dataChoice.data.getPath();
                boolean keyword = name.equals("full") || name.equals("embedded");
                if (!keyword && !dataChoice.data.isDirectory()) {
                    throw new IllegalArgumentException("data folder not found: " + dataChoice.data.getAbsolutePath());
                }
                DataFolderLoader loader = dataLoader != null ? dataLoader : service(DataFolderLoader.class, "--data");
                source = new DataSetIteratorSource(keyword ? "fashion-mnist " + name : dataChoice.data.getAbsolutePath(),
                        model.inputSize(),
                        loader.open(dataChoice.data, batch));
            }
            List<String> tapNames = taps.size() == 1 && taps.get(0).equals("all") ? TapRecorder.allTaps(model) : taps;
            try (Progress progress = new Progress(noProgress ? null : err)) {
                RecordingSummary s = TapRecorder.builder().model(model).modelDescription(modelDescription)
                        .taps(tapNames).exporter(format).outputDir(out.toPath()).seed(seed).batchSize(batch)
                        .checkpointRows(checkpointRows).nanPolicy(allowNan ? NanPolicy.WRITE : NanPolicy.FAIL)
                        .mode(resume ? OutputMode.RESUME : force ? OutputMode.FORCE : OutputMode.NEW)
                        .observer(progress).build().record(source);
                progress.close();
                outWriter.println(s.toText());
                outWriter.printf(Locale.ROOT, "rows %d, bytes %d, seconds %.2f, MB/s %.1f%n", s.rows(),
                        s.bytesThisSession(), s.seconds(), s.megabytesPerSecond());
                outWriter.flush();
            }
            return 0;
        } catch (TapNaNException e) {
            err.println("mortal: error: " + e.getMessage());
            err.flush();
            return 4;
        } catch (IllegalArgumentException e) {
            err.println("mortal: error: " + e.getMessage());
            err.flush();
            return 3;
        } catch (IOException e) {
            err.println("mortal: error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** Draws the progress bar on standard error from the recorder's callbacks. */
    private static final class Progress implements RecordingObserver, AutoCloseable {
        private final PrintWriter err;
        private ProgressBar bar;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(long firstRow, long totalRows) {
            if (err == null) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName("taps").setInitialMax(totalRows).setUnit(" rows", 1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(new java.io.PrintStream(new java.io.OutputStream() {
                        @Override
                        public void write(int b) {
                            err.write(b);
                        }

                        @Override
                        public void flush() {
                            err.flush();
                        }
                    }, true))).build();
            bar.stepTo(firstRow);
        }

        @Override
        public void batchWritten(long rowsWritten, long totalRows) {
            if (bar != null) {
                bar.stepTo(rowsWritten);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
