package org.dl4jmortal.probe.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dl4jmortal.spi.export.TapExporter;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.dl4jmortal.spi.export.TapWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exporter {@code npy}: one NumPy {@code .npy} file (format 1.0, see {@link NpyHeader}) per tap holding a
 * {@code float32} matrix {@code [rows, width]} in C order, little-endian. The header is written first with a
 * placeholder row count of 0 and a fixed size, rows are appended, and {@link TapWriter#finish()} writes the final row
 * count into the header. A partial file's complete rows are its data bytes divided by {@code 4 width}. Input rows are
 * not stored.
 */
public final class NpyExporter implements TapExporter {

    /** Public no-argument constructor for the plugin registry. */
    public NpyExporter() {
    }

    @Override
    public String name() {
        return "npy";
    }

    @Override
    public String description() {
        return "NumPy .npy format 1.0 (NEP 1), float32 little-endian, streamed with the row count fixed at the end";
    }

    @Override
    public String fileExtension() {
        return "npy";
    }

    @Override
    public TapWriter create(Path path, TapFileSpec spec) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ch.write(ByteBuffer.wrap(NpyHeader.encode(0, spec.width())));
        return new Writer(ch, spec, 0);
    }

    @Override
    public long completeRows(Path path, TapFileSpec spec) throws IOException {
        NpyHeader.Parsed h = readHeader(path, spec);
        return (Files.size(path) - h.headerBytes()) / (4L * spec.width());
    }

    private static NpyHeader.Parsed readHeader(Path path, TapFileSpec spec) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(NpyHeader.size(spec.width()));
        }
        NpyHeader.Parsed h;
        try {
            h = NpyHeader.parse(head);
        } catch (IOException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
        if (h.width() != spec.width() || h.headerBytes() != NpyHeader.size(spec.width())) {
            throw new IOException(path + " holds rows of " + h.width() + " values, tap '" + spec.tapName()
                    + "' has " + spec.width());
        }
        return h;
    }

    @Override
    public TapWriter resume(Path path, TapFileSpec spec, long rows) throws IOException {
        long have = completeRows(path, spec);
        if (rows < 0 || rows > have) {
            throw new IllegalArgumentException("cannot resume " + path + " at row " + rows + ": it holds " + have
                    + " complete rows");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE);
        long end = NpyHeader.size(spec.width()) + rows * 4L * spec.width();
        ch.truncate(end);
        ch.position(end);
        return new Writer(ch, spec, rows);
    }

    private static final class Writer implements TapWriter {
        private final FileChannel channel;
        private final TapFileSpec spec;
        private long rows;
        private boolean closed;

        Writer(FileChannel channel, TapFileSpec spec, long rows) {
            this.channel = channel;
            this.spec = spec;
            this.rows = rows;
        }

        @Override
        public void append(INDArray inputs, INDArray values) throws IOException {
            if (closed) {
                throw new IllegalStateException("writer of tap '" + spec.tapName() + "' is closed");
            }
            FloatRows.check(inputs, values, spec);
            INDArray f = FloatRows.contiguousFloat(values);
            try {
                ByteBuffer bb = FloatRows.nativeLittleEndian(f);
                while (bb.hasRemaining()) {
                    channel.write(bb);
                }
            } finally {
                java.lang.ref.Reference.reachabilityFence(f);
            }
            rows += values.size(0);
        }

        @Override
        public void checkpoint() throws IOException {
            channel.force(false);
        }

        @Override
        public void finish() throws IOException {
            if (closed) {
                throw new IllegalStateException("writer of tap '" + spec.tapName() + "' is closed");
            }
            ByteBuffer header = ByteBuffer.wrap(NpyHeader.encode(rows, spec.width()));
            long pos = 0;
            while (header.hasRemaining()) {
                pos += channel.write(header, pos);
            }
            channel.force(true);
            close();
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public long bytes() {
            return NpyHeader.size(spec.width()) + rows * 4L * spec.width();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                channel.close();
            }
        }
    }
}
