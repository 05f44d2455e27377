package org.dl4jmortal.probe.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dl4jmortal.probe.tap.InputChecks;
import org.dl4jmortal.probe.tap.TapReadModel;
import org.dl4jmortal.probe.tap.TapReader;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.export.TapExporter;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.dl4jmortal.spi.export.TapWriter;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Streams tap values of a {@link TappedModel} for every row of a {@link ProbeSource} into one file per tap, through
 * a {@link TapExporter} (DESIGN.md §4, issue 4). Memory is bounded by one batch: rows are queried in batches of
 * {@code batchSize} and appended to each tap file at once.
 * <p>
 * <b>Files and atomicity.</b> Each tap is written to {@code <tap>.<ext>.part} in the output folder and renamed to
 * {@code <tap>.<ext>} only when the whole export is finished; {@code manifest.json} is rewritten atomically at the
 * start, after every checkpoint (every {@code checkpointRows} rows, rounded up to a multiple of the batch size, the
 * files are synced first) and at the end, with {@code completed: true} only after every rename.
 * <p>
 * <b>Resume.</b> With {@link OutputMode#RESUME} the recorder reads the manifest, checks that format, taps, seed,
 * batch size, checkpoint interval, read models and source agree with this run, truncates every part file to the
 * manifest's completed rows, replays the queries of as many source rows without writing them (a chip's read noise follows
 * its sequence of reads; the replayed queries are counted in the ledger) and continues. Batches then start at the same
 * rows as in an uninterrupted run, and the tap read models' noise is keyed by row, so the files are byte-identical to
 * an uninterrupted run's.
 * <p>
 * <b>NaN.</b> NaN values read at a tap are counted per tap (manifest and summary). With {@link NanPolicy#FAIL}
 * (default) the first batch holding one stops the export with a {@link TapNaNException} naming the tap, the source
 * row and the column, before anything of that batch is written; with {@link NanPolicy#WRITE} they are written as NaN.
 * <p>
 * Besides the model's taps, the name {@value #OUTPUT} records the model output {@code [n, outputSize]}.
 */
public final class TapRecorder {
    /** Pseudo-tap name for the model's output. */
    public static final String OUTPUT = "output";

    private final TappedModel model;
    private final String modelDescription;
    private final List<String> tapNames;
    private final Map<String, TapReadModel> readModels;
    private final TapExporter exporter;
    private final Path outputDir;
    private final long seed;
    private final int batchSize;
    private final long checkpointRows;
    private final NanPolicy nanPolicy;
    private final OutputMode mode;
    private final RecordingObserver observer;

    private TapRecorder(Builder b) {
        this.model = Objects.requireNonNull(b.model, "model");
        this.modelDescription = b.modelDescription == null ? model.toString() : b.modelDescription;
        if (b.taps == null || b.taps.isEmpty()) {
            throw new IllegalArgumentException("choose at least one tap; valid taps: " + validNames(model));
        }
        Set<String> seen = new HashSet<>();
        for (String t : b.taps) {
            if (!seen.add(t)) {
                throw new IllegalArgumentException("tap '" + t + "' is listed twice");
            }
            if (!t.equals(OUTPUT) && model.taps().stream().noneMatch(p -> p.name().equals(t))) {
                throw new IllegalArgumentException("unknown tap '" + t + "'; valid taps: " + validNames(model));
            }
        }
        this.tapNames = List.copyOf(b.taps);
        this.readModels = Map.copyOf(b.readModels);
        for (String t : readModels.keySet()) {
            if (!tapNames.contains(t) || t.equals(OUTPUT)) {
                throw new IllegalArgumentException("a read model is given for '" + t + "', which is not a recorded tap"
                        + " of the model; recorded taps: " + tapNames);
            }
        }
        this.exporter = Objects.requireNonNull(b.exporter, "exporter");
        this.outputDir = Objects.requireNonNull(b.outputDir, "outputDir").toAbsolutePath().normalize();
        for (String t : tapNames) {
            TapFileNames.fileFor(outputDir, t, exporter.fileExtension());
        }
        if (b.batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + b.batchSize);
        }
        if (b.checkpointRows <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be > 0 rows, got " + b.checkpointRows);
        }
        this.seed = b.seed;
        this.batchSize = b.batchSize;
        this.checkpointRows = (b.checkpointRows + b.batchSize - 1) / b.batchSize * b.batchSize;
        this.nanPolicy = Objects.requireNonNull(b.nanPolicy, "nanPolicy");
        this.mode = Objects.requireNonNull(b.mode, "mode");
        this.observer = b.observer == null ? new RecordingObserver() { } : b.observer;
    }

    private static List<String> validNames(TappedModel model) {
        List<String> names = new ArrayList<>();
        model.taps().forEach(t -> names.add(t.name()));
        names.add(OUTPUT);
        return names;
    }

    /**
     * @param model a model
     * @return every tap name of the model, in its order (not {@value #OUTPUT})
     */
    public static List<String> allTaps(TappedModel model) {
        return model.taps().stream().map(TapPoint::name).toList();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the checkpoint interval actually used (a multiple of the batch size) */
    public long checkpointRows() {
        return checkpointRows;
    }

    private int width(String tap) {
        return tap.equals(OUTPUT) ? model.outputSize() : model.tap(tap).width();
    }

    /**
     * Runs the export (or its remainder).
     *
     * @param source the input rows, in the order they are to appear in the files; width {@code model.inputSize()}
     * @return what this session did
     * @throws IllegalArgumentException if the source width differs from the model's input, the output folder is not
     *                                  acceptable for the mode (foreign files, an earlier export, nothing to resume,
     *                                  a manifest that disagrees with this run), or a source row is not finite
     * @throws TapNaNException          if a tap reads NaN under {@link NanPolicy#FAIL}
     * @throws IOException              if a file cannot be written, read or renamed
     */
    public RecordingSummary record(ProbeSource source) throws IOException {
        if (source.width() != model.inputSize()) {
            throw new IllegalArgumentException("source rows have " + source.width() + " values, the model takes "
                    + model.inputSize() + " (" + source.description() + ")");
        }
        long t0 = System.nanoTime();
        Files.createDirectories(outputDir);
        Path manifestPath = outputDir.resolve(ExportManifest.FILE_NAME);
        ExportManifest old = Files.isRegularFile(manifestPath) ? ExportManifest.read(manifestPath) : null;
        prepareFolder(old);
        ExportManifest.Source src = new ExportManifest.Source(source.description(), source.rows(), source.width());

        long firstRow = 0;
        Map<String, Long> ledgerBase = zeroLedger();
        Map<String, Long> nanCounts = new LinkedHashMap<>();
        tapNames.forEach(t -> nanCounts.put(t, 0L));
        String created = Instant.now().toString();
        int sessions = 1;
        if (mode == OutputMode.RESUME) {
            checkResumable(old, src);
            if (old.completed()) {
                return summary(old, old.rowsCompleted(), 0, t0, nanCountsOf(old), old.ledger(), true);
            }
            firstRow = old.rowsCompleted();
            ledgerBase = new LinkedHashMap<>(old.ledger());
            for (ExportManifest.TapEntry e : old.taps()) {
                nanCounts.put(e.name(), e.nanCount());
            }
            created = old.created();
            sessions = old.sessions() + 1;
        }

        Map<String, TapWriter> writers = new LinkedHashMap<>();
        long bytesAtStart = 0;
        try {
            for (String t : tapNames) {
                Path part = partFor(t);
                TapFileSpec spec = new TapFileSpec(t, width(t), model.inputSize());
                TapWriter w;
                if (mode == OutputMode.RESUME) {
                    if (!Files.exists(part)) {
                        throw new IllegalArgumentException("cannot resume: " + part + " is missing (the manifest records "
                                + firstRow + " completed rows)");
                    }
                    long have = exporter.completeRows(part, spec);
                    if (have < firstRow) {
                        throw new IllegalArgumentException("cannot resume: " + part + " holds " + have
                                + " complete rows, the manifest records " + firstRow);
                    }
                    w = exporter.resume(part, spec, firstRow);
                } else {
                    w = exporter.create(part, spec);
                }
                writers.put(t, w);
                bytesAtStart += w.bytes();
            }
            Map<String, Long> ledgerStart = model.ledger().snapshot();
            TapReader reader = new TapReader(model, readModels, seed);
            List<String> modelTaps = tapNames.stream().filter(t -> !t.equals(OUTPUT)).toList();
            // Replay the completed rows' queries without writing them: a chip's read noise follows its sequence of
            // reads (DESIGN.md §3, keyed draws), so only the same sequence of queries puts a resumed export on the
            // same noise as an uninterrupted one. The replayed queries are real reads and are counted in the ledger.
            long replayed = 0;
            while (replayed < firstRow) {
                INDArray skipped = nextBatch(source);
                if (skipped == null) {
                    break;
                }
                reader.read(skipped, modelTaps, replayed);
                replayed += skipped.size(0);
            }
            long rows = firstRow;
            manifest(created, sessions, src, rows, false, nanCounts, ledger(ledgerBase, ledgerStart)).writeTo(outputDir);
            observer.started(firstRow, source.rows());
            INDArray batch;
            while ((batch = nextBatch(source)) != null) {
                QueryResult r = reader.read(batch, modelTaps, rows);
                Map<String, INDArray> values = new LinkedHashMap<>();
                for (String t : tapNames) {
                    INDArray v = t.equals(OUTPUT) ? r.output() : r.tap(t);
                    long nan = InputChecks.countNaN(v);
                    if (nan > 0) {
                        if (nanPolicy == NanPolicy.FAIL) {
                            long[] at = InputChecks.firstNaN(v);
                            throw new TapNaNException(t, rows + at[0], at[1], nan, batch.size(0));
                        }
                        nanCounts.merge(t, nan, Long::sum);
                    }
                    values.put(t, v);
                }
                for (String t : tapNames) {
                    writers.get(t).append(batch, values.get(t));
                }
                rows += batch.size(0);
                observer.batchWritten(rows, source.rows());
                if (rows % checkpointRows == 0) {
                    for (TapWriter w : writers.values()) {
                        w.checkpoint();
                    }
                    manifest(created, sessions, src, rows, false, nanCounts, ledger(ledgerBase, ledgerStart))
                            .writeTo(outputDir);
                    observer.checkpointed(rows);
                }
            }
            long bytes = 0;
            for (TapWriter w : writers.values()) {
                w.finish();
                bytes += w.bytes();
            }
            for (String t : tapNames) {
                Files.move(partFor(t), fileFor(t), StandardCopyOption.ATOMIC_MOVE);
            }
            Map<String, Long> ledger = ledger(ledgerBase, ledgerStart);
            ExportManifest done = manifest(created, sessions, src, rows, true, nanCounts, ledger);
            done.writeTo(outputDir);
            observer.checkpointed(rows);
            return summary(done, rows, bytes - bytesAtStart, t0, nanCounts, ledger, false, firstRow, bytes);
        } finally {
            for (TapWriter w : writers.values()) {
                w.close();
            }
        }
    }

    private INDArray nextBatch(ProbeSource source) {
        List<INDArray> parts = new ArrayList<>();
        long have = 0;
        while (have < batchSize) {
            INDArray p = source.next((int) (batchSize - have));
            if (p == null) {
                break;
            }
            parts.add(p);
            have += p.size(0);
        }
        if (parts.isEmpty()) {
            return null;
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.vstack(parts.toArray(new INDArray[0]));
    }

    private Path fileFor(String tap) {
        return TapFileNames.fileFor(outputDir, tap, exporter.fileExtension());
    }

    private Path partFor(String tap) {
        Path f = fileFor(tap);
        return f.resolveSibling(f.getFileName() + TapFileNames.PART);
    }

    private void prepareFolder(ExportManifest old) throws IOException {
        Set<String> ours = new TreeSet<>();
        ours.add(ExportManifest.FILE_NAME);
        ours.add(ExportManifest.FILE_NAME + ".tmp");
        for (String t : tapNames) {
            ours.add(fileFor(t).getFileName().toString());
            ours.add(partFor(t).getFileName().toString());
        }
        if (old != null) {
            for (ExportManifest.TapEntry e : old.taps()) {
                ours.add(e.file());
                ours.add(e.file() + TapFileNames.PART);
            }
        }
        List<String> present;
        try (Stream<Path> s = Files.list(outputDir)) {
            present = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> foreign = present.stream().filter(n -> !ours.contains(n)).toList();
        switch (mode) {
            case NEW -> {
                if (old != null) {
                    throw new IllegalArgumentException("output folder " + outputDir + " holds an earlier tap export ("
                            + old.format() + ", " + old.rowsCompleted() + " rows, " + (old.completed() ? "complete"
                            : "incomplete") + "); resume it (--resume) or replace it (--force)");
                }
                if (!present.isEmpty()) {
                    throw new IllegalArgumentException("output folder " + outputDir + " is not empty: it holds "
                            + abbreviate(present) + "; choose an empty folder, or --force to write into it anyway"
                            + " (files of other names are left untouched)");
                }
            }
            case FORCE -> {
                for (String n : present) {
                    if (ours.contains(n)) {
                        deleteRecursively(outputDir.resolve(n));
                    }
                }
            }
            case RESUME -> {
                if (old == null) {
                    throw new IllegalArgumentException("nothing to resume: " + outputDir + " has no "
                            + ExportManifest.FILE_NAME + (foreign.isEmpty() ? "" : " (it holds " + abbreviate(foreign)
                            + ")"));
                }
            }
            default -> throw new IllegalStateException("unknown mode " + mode);
        }
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 10 ? names.toString() : names.subList(0, 10) + " and " + (names.size() - 10) + " more";
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    private void checkResumable(ExportManifest old, ExportManifest.Source src) {
        List<String> diffs = new ArrayList<>();
        if (!old.format().equals(exporter.name())) {
            diffs.add("format " + old.format() + " vs " + exporter.name());
        }
        List<String> oldTaps = old.taps().stream().map(ExportManifest.TapEntry::name).toList();
        if (!oldTaps.equals(tapNames)) {
            diffs.add("taps " + oldTaps + " vs " + tapNames);
        } else {
            for (ExportManifest.TapEntry e : old.taps()) {
                if (!e.readModel().equals(readModelEntry(e.name()))) {
                    diffs.add("read model of " + e.name() + " " + e.readModel() + " vs " + readModelEntry(e.name()));
                }
            }
        }
        if (old.seed() != seed) {
            diffs.add("seed " + old.seed() + " vs " + seed);
        }
        if (old.batchSize() != batchSize) {
            diffs.add("batch size " + old.batchSize() + " vs " + batchSize);
        }
        if (old.checkpointRows() != checkpointRows) {
            diffs.add("checkpoint rows " + old.checkpointRows() + " vs " + checkpointRows);
        }
        if (!old.source().equals(src)) {
            diffs.add("source '" + old.source().description() + "' (" + old.source().rows() + " rows) vs '"
                    + src.description() + "' (" + src.rows() + " rows)");
        }
        if (old.inputSize() != model.inputSize() || old.outputSize() != model.outputSize()) {
            diffs.add("model shape " + old.inputSize() + "->" + old.outputSize() + " vs " + model.inputSize() + "->"
                    + model.outputSize());
        }
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("cannot resume the export in " + outputDir + ": this run differs from"
                    + " its manifest in " + String.join("; ", diffs));
        }
    }

    private ExportManifest.ReadModel readModelEntry(String tap) {
        TapReadModel m = readModels.getOrDefault(tap, TapReadModel.OFF);
        return new ExportManifest.ReadModel(m.adcBits(), m.adcBound(), m.noiseStd());
    }

    private ExportManifest manifest(String created, int sessions, ExportManifest.Source src, long rows,
                                    boolean completed, Map<String, Long> nanCounts, Map<String, Long> ledger) {
        List<ExportManifest.TapEntry> entries = new ArrayList<>();
        for (String t : tapNames) {
            String layer;
            String position;
            String activation;
            boolean hasBias;
            if (t.equals(OUTPUT)) {
                layer = OUTPUT;
                position = OUTPUT;
                activation = model.taps().isEmpty() ? "unknown" : model.taps().get(model.taps().size() - 1).activation();
                hasBias = false;
            } else {
                TapPoint p = model.tap(t);
                layer = p.layerName();
                position = p.position().suffix();
                activation = p.activation();
                hasBias = p.hasBias();
            }
            entries.add(new ExportManifest.TapEntry(t, fileFor(t).getFileName().toString(),
                    List.of(rows, (long) width(t)), "float32", layer, position, activation, hasBias,
                    readModelEntry(t), nanCounts.get(t)));
        }
        return new ExportManifest(ExportManifest.FORMAT_VERSION, exporter.name(), completed, created,
                Instant.now().toString(), seed, batchSize, checkpointRows, nanPolicy.name(), src, modelDescription,
                model.inputSize(), model.outputSize(), Runtime.getRuntime().maxMemory(), rows, sessions, entries, ledger);
    }

    private static Map<String, Long> zeroLedger() {
        Map<String, Long> m = new LinkedHashMap<>();
        new org.dl4jmortal.spi.chip.QueryLedger().snapshot().keySet().forEach(k -> m.put(k, 0L));
        return m;
    }

    private Map<String, Long> ledger(Map<String, Long> base, Map<String, Long> start) {
        Map<String, Long> now = model.ledger().snapshot();
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            m.put(e.getKey(), base.getOrDefault(e.getKey(), 0L) + e.getValue() - start.getOrDefault(e.getKey(), 0L));
        }
        return m;
    }

    private static Map<String, Long> nanCountsOf(ExportManifest m) {
        Map<String, Long> c = new LinkedHashMap<>();
        m.taps().forEach(e -> c.put(e.name(), e.nanCount()));
        return c;
    }

    private RecordingSummary summary(ExportManifest m, long rows, long bytesThisSession, long t0,
                                     Map<String, Long> nan, Map<String, Long> ledger, boolean alreadyDone)
            throws IOException {
        long bytes = 0;
        for (String t : tapNames) {
            bytes += sizeOf(fileFor(t));
        }
        return summary(m, rows, bytesThisSession, t0, nan, ledger, alreadyDone, rows, bytes);
    }

    private RecordingSummary summary(ExportManifest m, long rows, long bytesThisSession, long t0,
                                     Map<String, Long> nan, Map<String, Long> ledger, boolean alreadyDone,
                                     long firstRow, long bytes) {
        List<Path> files = tapNames.stream().map(this::fileFor).toList();
        return new RecordingSummary(outputDir, m.format(), rows, firstRow, bytes, bytesThisSession,
                (System.nanoTime() - t0) / 1e9, Map.copyOf(nan), Map.copyOf(ledger), files, m.completed());
    }

    private static long sizeOf(Path p) throws IOException {
        if (!Files.exists(p)) {
            return 0;
        }
        if (!Files.isDirectory(p)) {
            return Files.size(p);
        }
        long s = 0;
        try (Stream<Path> w = Files.walk(p)) {
            for (Path q : w.filter(Files::isRegularFile).toList()) {
                s += Files.size(q);
            }
        }
        return s;
    }

    /** Builder of a {@link TapRecorder}; see the setters for defaults. */
    public static final class Builder {
        private TappedModel model;
        private String modelDescription;
        private List<String> taps;
        private Map<String, TapReadModel> readModels = Map.of();
        private TapExporter exporter;
        private Path outputDir;
        private long seed = 1L;
        private int batchSize = 256;
        private long checkpointRows = 10_000;
        private NanPolicy nanPolicy = NanPolicy.FAIL;
        private OutputMode mode = OutputMode.NEW;
        private RecordingObserver observer;

        private Builder() {
        }

        /**
         * @param model the model to read (required)
         * @return this builder
         */
        public Builder model(TappedModel model) {
            this.model = model;
            return this;
        }

        /**
         * @param description how the manifest names the model (default: the model's {@code toString()})
         * @return this builder
         */
        public Builder modelDescription(String description) {
            this.modelDescription = description;
            return this;
        }

        /**
         * @param taps tap names to record, in file order (required); {@value TapRecorder#OUTPUT} records the output
         * @return this builder
         */
        public Builder taps(List<String> taps) {
            this.taps = taps;
            return this;
        }

        /**
         * @param readModels tap name to read model (default: none, every tap read exactly)
         * @return this builder
         */
        public Builder readModels(Map<String, TapReadModel> readModels) {
            this.readModels = Objects.requireNonNull(readModels, "readModels");
            return this;
        }

        /**
         * @param exporter the exporter (required, or use {@link #exporter(String)})
         * @return this builder
         */
        public Builder exporter(TapExporter exporter) {
            this.exporter = exporter;
            return this;
        }

        /**
         * Resolves the exporter by registered name through {@link MortalRegistry#global()}.
         *
         * @param name {@code npy}, {@code csv}, {@code dl4j} or a plugin's name
         * @return this builder
         * @throws org.dl4jmortal.spi.plugin.PluginException if no exporter has that name (lists the installed ones)
         */
        public Builder exporter(String name) {
            this.exporter = MortalRegistry.global().get(PluginKind.EXPORTER, name);
            return this;
        }

        /**
         * @param dir the export folder (required); created if absent
         * @return this builder
         */
        public Builder outputDir(Path dir) {
            this.outputDir = dir;
            return this;
        }

        /**
         * @param seed seed of the read noise (default 1)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param rows rows per query batch, {@code > 0} (default 256)
         * @return this builder
         */
        public Builder batchSize(int rows) {
            this.batchSize = rows;
            return this;
        }

        /**
         * @param rows rows between checkpoints, {@code > 0}, rounded up to a multiple of the batch size
         *             (default 10,000)
         * @return this builder
         */
        public Builder checkpointRows(long rows) {
            this.checkpointRows = rows;
            return this;
        }

        /**
         * @param policy what to do with NaN tap values (default {@link NanPolicy#FAIL})
         * @return this builder
         */
        public Builder nanPolicy(NanPolicy policy) {
            this.nanPolicy = policy;
            return this;
        }

        /**
         * @param mode how to treat an existing output folder (default {@link OutputMode#NEW})
         * @return this builder
         */
        public Builder mode(OutputMode mode) {
            this.mode = mode;
            return this;
        }

        /**
         * @param observer progress listener (default none)
         * @return this builder
         */
        public Builder observer(RecordingObserver observer) {
            this.observer = observer;
            return this;
        }

        /**
         * @return the recorder
         * @throws IllegalArgumentException if no tap is chosen, a tap is unknown (lists the valid ones) or listed twice,
         *                                  a tap name cannot be a file name, a read model names an unrecorded tap, or
         *                                  the batch size or checkpoint interval is not positive
         * @throws NullPointerException     if the model, exporter or output folder is missing
         */
        public TapRecorder build() {
            return new TapRecorder(this);
        }
    }
}
