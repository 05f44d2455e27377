package org.dl4jmortal.probe.export;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.dl4jmortal.spi.export.TapExporter;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.dl4jmortal.spi.export.TapWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Exporter {@code dl4j}: per tap, a folder {@code <tap>.dl4j} of DL4J {@link DataSet} binary shards
 * {@code dataset-0.bin, dataset-1.bin, ...} (written by {@link DataSet#save}), one shard per appended batch, with
 * features = the query's input rows {@code [n, inputWidth]} and labels = the tap's values {@code [n, width]}, both
 * float32. The folder is a ready transfer set for distillation: DL4J's
 * {@code org.nd4j.linalg.dataset.ExistingMiniBatchDataSetIterator(folder)} iterates it in order (its default
 * pattern is {@code dataset-%d.bin}). Each shard is written to a {@code .tmp} file, synced and renamed, so a shard
 * is either whole or absent; a partial folder's complete rows are the rows of its contiguous shards from 0.
 */
public final class Dl4jDataSetExporter implements TapExporter {
    private static final String PATTERN = "dataset-%d.bin";

    /** Public no-argument constructor for the plugin registry. */
    public Dl4jDataSetExporter() {
    }

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public String description() {
        return "DL4J DataSet shards (features = query inputs, labels = tap values), readable by ExistingMiniBatchDataSetIterator";
    }

    @Override
    public String fileExtension() {
        return "dl4j";
    }

    @Override
    public TapWriter create(Path path, TapFileSpec spec) throws IOException {
        Files.createDirectory(path);
        return new Writer(path, spec, 0, 0, 0);
    }

    private static Path shard(Path dir, int i) {
        return dir.resolve(String.format(PATTERN, i));
    }

    /** @return {shards, rows, bytes} of the contiguous shards, stopping once {@code stopAtRows} rows are reached */
    private static long[] count(Path dir, TapFileSpec spec, long stopAtRows) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder of DL4J DataSet shards");
        }
        long rows = 0;
        long bytes = 0;
        int i = 0;
        while (Files.isRegularFile(shard(dir, i)) && (stopAtRows < 0 || rows < stopAtRows)) {
            DataSet ds = new DataSet();
            try {
                ds.load(shard(dir, i).toFile());
            } catch (RuntimeException e) {
                throw new IOException(shard(dir, i) + " is not a DL4J DataSet file: " + e.getMessage(), e);
            }
            if (ds.getFeatures() == null || ds.getLabels() == null || ds.getFeatures().size(1) != spec.inputWidth()
                    || ds.getLabels().size(1) != spec.width()) {
                throw new IOException(shard(dir, i) + " does not hold [n, " + spec.inputWidth() + "] inputs with [n, "
                        + spec.width() + "] values of tap '" + spec.tapName() + "'");
            }
            rows += ds.numExamples();
            bytes += Files.size(shard(dir, i));
            i++;
        }
        return new long[]{i, rows, bytes};
    }

    @Override
    public long completeRows(Path path, TapFileSpec spec) throws IOException {
        return count(path, spec, -1)[1];
    }

    @Override
    public TapWriter resume(Path path, TapFileSpec spec, long rows) throws IOException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows to keep must be >= 0, got " + rows);
        }
        long[] c = count(path, spec, rows);
        if (c[1] != rows) {
            throw new IllegalArgumentException("cannot resume " + path + " at row " + rows + ": its shards hold "
                    + (c[1] < rows ? "only " + c[1] + " rows" : "a shard that ends at row " + c[1] + ", not at a shard boundary"));
        }
        try (Stream<Path> files = Files.list(path)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    Files.delete(p);
                } else if (n.matches("dataset-\\d+\\.bin") && Integer.parseInt(n.substring(8, n.length() - 4)) >= c[0]) {
                    Files.delete(p);
                }
            }
        }
        return new Writer(path, spec, (int) c[0], rows, c[2]);
    }

    private static final class Writer implements TapWriter {
        private final Path dir;
        private final TapFileSpec spec;
        private int shards;
        private long rows;
        private long bytes;
        private boolean closed;

        Writer(Path dir, TapFileSpec spec, int shards, long rows, long bytes) {
            this.dir = dir;
            this.spec = spec;
            this.shards = shards;
            this.rows = rows;
            this.bytes = bytes;
        }

        @Override
        public void append(INDArray inputs, INDArray values) throws IOException {
            if (closed) {
                throw new IllegalStateException("writer of tap '" + spec.tapName() + "' is closed");
            }
            if (inputs == null) {
                throw new IllegalArgumentException("the dl4j exporter stores input rows with the tap values; inputs must not be null");
            }
            FloatRows.check(inputs, values, spec);
            DataSet ds = new DataSet(inputs.castTo(DataType.FLOAT).dup('c'), values.castTo(DataType.FLOAT).dup('c'));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            ds.save(buf);
            Path target = shard(dir, shards);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                buf.writeTo(out);
                out.getFD().sync();
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            shards++;
            rows += values.size(0);
            bytes += buf.size();
        }

        @Override
        public void checkpoint() {
            // every shard is synced when written
        }

        @Override
        public void finish() {
            closed = true;
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
