package org.dl4jmortal.samples.plugin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.dl4jmortal.spi.export.TapWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes one {@code jsonl} tap file for {@link JsonLinesExporter}: each appended row becomes
 * {@code [v1,v2,...]\n} with {@link Float#toString(float)} numbers ({@code null} for NaN and infinities). Rows are
 * written through to the channel on every {@link #append}; {@link #checkpoint()} forces them to disk. Not
 * thread-safe.
 */
final class JsonLinesWriter implements TapWriter {
    private final FileChannel channel;
    private final TapFileSpec spec;
    private long rows;
    private long bytes;
    private boolean open = true;

    /**
     * @param channel positioned where the next row goes
     * @param spec    widths
     * @param rows    complete rows already in the file
     * @param bytes   bytes already in the file
     */
    JsonLinesWriter(FileChannel channel, TapFileSpec spec, long rows, long bytes) {
        this.channel = channel;
        this.spec = spec;
        this.rows = rows;
        this.bytes = bytes;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code values} is not {@code [n, width]}, or {@code inputs} is given and
     *                                  is not {@code [n, inputWidth]}
     */
    @Override
    public void append(INDArray inputs, INDArray values) throws IOException {
        if (!open) {
            throw new IllegalStateException("the jsonl writer of tap " + spec.tapName() + " is finished or closed");
        }
        Objects.requireNonNull(values, "values");
        if (values.rank() != 2 || values.columns() != spec.width()) {
            throw new IllegalArgumentException("tap " + spec.tapName() + " values must be [n, " + spec.width()
                    + "], got " + Arrays.toString(values.shape()));
        }
        if (inputs != null && (inputs.rank() != 2 || inputs.rows() != values.rows()
                || inputs.columns() != spec.inputWidth())) {
            throw new IllegalArgumentException("tap " + spec.tapName() + " inputs must be [" + values.rows() + ", "
                    + spec.inputWidth() + "], got " + Arrays.toString(inputs.shape()));
        }
        float[][] v = values.castTo(DataType.FLOAT).toFloatMatrix();
        StringBuilder text = new StringBuilder(v.length * spec.width() * 12);
        for (float[] row : v) {
            text.append('[');
            for (int j = 0; j < row.length; j++) {
                if (j > 0) {
                    text.append(',');
                }
                text.append(Float.isFinite(row[j]) ? Float.toString(row[j]) : "null");
            }
            text.append("]\n");
        }
        ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
            bytes += channel.write(buffer);
        }
        rows += v.length;
    }

    @Override
    public void checkpoint() throws IOException {
        if (open) {
            channel.force(false);
        }
    }

    @Override
    public void finish() throws IOException {
        if (!open) {
            throw new IllegalStateException("the jsonl writer of tap " + spec.tapName() + " is already finished or closed");
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
        return bytes;
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            channel.close();
        }
    }
}
