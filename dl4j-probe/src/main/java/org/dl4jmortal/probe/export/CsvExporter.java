package org.dl4jmortal.probe.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dl4jmortal.spi.export.TapExporter;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.dl4jmortal.spi.export.TapWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exporter {@code csv}: one RFC 4180 CSV file per tap, {@code \n} line ends, ASCII. The first line names the
 * columns {@code <tap>:0, <tap>:1, ...} (quoted when the tap name holds a comma or quote); then one line per query
 * with the tap's float32 values written by {@link Float#toString(float)}, which round-trips exactly (NaN is written
 * {@code NaN}, infinities {@code Infinity} / {@code -Infinity}; Python's {@code float()} reads all of them). A
 * partial file's complete rows are its complete lines after the header. Input rows are not stored.
 */
public final class CsvExporter implements TapExporter {

    /** Public no-argument constructor for the plugin registry. */
    public CsvExporter() {
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String description() {
        return "CSV (RFC 4180): a header row of column names, then one row of float32 values per query";
    }

    @Override
    public String fileExtension() {
        return "csv";
    }

    /**
     * @param spec the tap
     * @return the header line, newline included
     */
    static byte[] header(TapFileSpec spec) {
        String name = spec.tapName();
        boolean quote = name.contains(",") || name.contains("\"") || name.contains("\n") || name.contains("\r");
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < spec.width(); j++) {
            if (j > 0) {
                sb.append(',');
            }
            String col = name + ":" + j;
            sb.append(quote ? "\"" + col.replace("\"", "\"\"") + "\"" : col);
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public TapWriter create(Path path, TapFileSpec spec) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Writer w = new Writer(ch, spec, 0, 0);
        w.write(header(spec));
        return w;
    }

    /** Byte offset just after the given number of data lines, or -1 if the file has fewer complete lines. */
    private static long[] scan(Path path, TapFileSpec spec, long stopAfterRows) throws IOException {
        byte[] expected = header(spec);
        long lines = 0;
        long offset = 0;
        long endOfWanted = -1;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            byte[] head = in.readNBytes(expected.length);
            if (!java.util.Arrays.equals(head, expected)) {
                throw new IOException(path + " does not start with the CSV header of tap '" + spec.tapName()
                        + "' (" + spec.width() + " columns)");
            }
            offset = expected.length;
            if (stopAfterRows == 0) {
                endOfWanted = offset;
            }
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                        if (lines == stopAfterRows) {
                            endOfWanted = offset + i + 1;
                        }
                    }
                }
                offset += n;
            }
        }
        return new long[]{lines, endOfWanted};
    }

    @Override
    public long completeRows(Path path, TapFileSpec spec) throws IOException {
        return scan(path, spec, -1)[0];
    }

    @Override
    public TapWriter resume(Path path, TapFileSpec spec, long rows) throws IOException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows to keep must be >= 0, got " + rows);
        }
        long[] s = scan(path, spec, rows);
        if (rows > s[0]) {
            throw new IllegalArgumentException("cannot resume " + path + " at row " + rows + ": it holds " + s[0]
                    + " complete rows");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE);
        ch.truncate(s[1]);
        ch.position(s[1]);
        return new Writer(ch, spec, rows, s[1]);
    }

    private static final class Writer implements TapWriter {
        private final FileChannel channel;
        private final OutputStream out;
        private final TapFileSpec spec;
        private long rows;
        private long bytes;
        private boolean closed;

        Writer(FileChannel channel, TapFileSpec spec, long rows, long bytes) {
            this.channel = channel;
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            this.spec = spec;
            this.rows = rows;
            this.bytes = bytes;
        }

        void write(byte[] b) throws IOException {
            out.write(b);
            bytes += b.length;
        }

        @Override
        public void append(INDArray inputs, INDArray values) throws IOException {
            if (closed) {
                throw new IllegalStateException("writer of tap '" + spec.tapName() + "' is closed");
            }
            FloatRows.check(inputs, values, spec);
            float[] f = FloatRows.toFloats(values);
            int w = spec.width();
            StringBuilder sb = new StringBuilder(w * 12);
            for (int r = 0; r < f.length / w; r++) {
                sb.setLength(0);
                for (int j = 0; j < w; j++) {
                    if (j > 0) {
                        sb.append(',');
                    }
                    sb.append(Float.toString(f[r * w + j]));
                }
                sb.append('\n');
                write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            }
            rows += values.size(0);
        }

        @Override
        public void checkpoint() throws IOException {
            out.flush();
            channel.force(false);
        }

        @Override
        public void finish() throws IOException {
            if (closed) {
                throw new IllegalStateException("writer of tap '" + spec.tapName() + "' is closed");
            }
            out.flush();
            channel.force(true);
            close();
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
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.flush();
                channel.close();
            }
        }
    }
}
