package org.dl4jmortal.distill.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dl4jmortal.probe.export.NpyHeader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the first rows of a float32 matrix written by the probe's {@code npy} exporter (NPY 1.0, {@code '<f4'},
 * C order, see {@link NpyHeader}).
 */
public final class NpyMatrix {
    private NpyMatrix() {
    }

    /**
     * @param file    an {@code .npy} file
     * @param maxRows most rows to read, {@code >= 1}
     * @return {@code [min(rows, maxRows), width]} FLOAT
     * @throws IOException if the file cannot be read, is not such a matrix, or is shorter than its header says
     */
    public static INDArray read(Path file, long maxRows) throws IOException {
        byte[] preamble;
        try (InputStream in = Files.newInputStream(file)) {
            preamble = in.readNBytes(10);
            if (preamble.length == 10) {
                int len = (preamble[8] & 0xff) | (preamble[9] & 0xff) << 8;
                byte[] rest = in.readNBytes(len);
                byte[] head = new byte[10 + rest.length];
                System.arraycopy(preamble, 0, head, 0, 10);
                System.arraycopy(rest, 0, head, 10, rest.length);
                preamble = head;
            }
        }
        NpyHeader.Parsed h;
        try {
            h = NpyHeader.parse(preamble);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        long rows = Math.min(h.rows(), maxRows);
        long values = rows * h.width();
        if (values > Integer.MAX_VALUE) {
            throw new IOException(file + ": " + rows + " rows of " + h.width() + " values are too many to load at once");
        }
        long need = h.headerBytes() + 4 * values;
        if (Files.size(file) < need) {
            throw new IOException(file + " is truncated: its header states " + h.rows() + " rows of " + h.width()
                    + " values, the file holds " + (Files.size(file) - h.headerBytes()) / (4L * h.width()));
        }
        float[] data = new float[(int) values];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            long pos = h.headerBytes();
            int at = 0;
            while (at < data.length) {
                buf.clear();
                int want = (int) Math.min(buf.capacity(), 4L * (data.length - at));
                buf.limit(want);
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, pos);
                    if (n < 0) {
                        throw new IOException(file + " ended early");
                    }
                    pos += n;
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    data[at++] = buf.getFloat();
                }
            }
        }
        return Nd4j.create(data, new long[] {rows, h.width()}, 'c');
    }
}
