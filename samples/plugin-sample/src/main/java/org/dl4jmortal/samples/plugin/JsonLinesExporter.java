package org.dl4jmortal.samples.plugin;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.dl4jmortal.spi.export.TapExporter;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.dl4jmortal.spi.export.TapWriter;

/**
 * The tap exporter {@code jsonl}: JSON Lines (<a href="https://jsonlines.org">jsonlines.org</a>), one line per query
 * holding a JSON array of the tap's {@code width} values as float32 in Java's shortest round-trip decimal form
 * ({@link Float#toString(float)}; JSON has no NaN or infinity, so non-finite values are written as {@code null}). The
 * input rows are not stored. Readable line by line by any JSON library ({@code pandas.read_json(path, lines=True)}).
 * <p>
 * Resuming: a line counts once its {@code '\n'} is written, so a file cut anywhere holds its complete rows followed by
 * at most one partial line; {@link #resume} truncates to a row count and continues, and the result is byte-identical
 * to an uninterrupted export (the text of a row depends only on its values). Stateless and thread-safe.
 */
public final class JsonLinesExporter implements TapExporter {
    /** Registered name, also the file extension. */
    public static final String NAME = "jsonl";

    /** Public no-argument constructor for the plugin registry. */
    public JsonLinesExporter() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "JSON Lines (jsonlines.org): one JSON array of float32 values per query; non-finite values as null";
    }

    @Override
    public String fileExtension() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException if the path exists or cannot be created
     */
    @Override
    public TapWriter create(Path path, TapFileSpec spec) throws IOException {
        Objects.requireNonNull(spec, "spec");
        FileChannel channel = FileChannel.open(Objects.requireNonNull(path, "path"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        return new JsonLinesWriter(channel, spec, 0, 0);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException if the file is missing or a complete line is not a JSON array of {@code spec.width()}
     *                     values (the message gives the line number and what it holds)
     */
    @Override
    public long completeRows(Path path, TapFileSpec spec) throws IOException {
        return scan(path, spec, Long.MAX_VALUE)[0];
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException              if the file is not a valid partial file of this format and width
     * @throws IllegalArgumentException if {@code rows} is negative or more than the file holds
     */
    @Override
    public TapWriter resume(Path path, TapFileSpec spec, long rows) throws IOException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows to keep must be >= 0, got " + rows);
        }
        long[] found = scan(path, spec, rows);
        if (found[0] < rows) {
            throw new IllegalArgumentException("cannot keep " + rows + " rows of " + path + ": it holds only "
                    + found[0] + " complete rows");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        channel.truncate(found[1]);
        channel.position(found[1]);
        return new JsonLinesWriter(channel, spec, rows, found[1]);
    }

    /**
     * Reads complete lines up to {@code limit}, checking that each is an array of {@code spec.width()} values.
     *
     * @return {complete rows read (at most limit), byte offset just after the last of them}
     */
    private static long[] scan(Path path, TapFileSpec spec, long limit) throws IOException {
        Objects.requireNonNull(spec, "spec");
        if (!Files.isRegularFile(Objects.requireNonNull(path, "path"))) {
            throw new IOException("no jsonl tap file at " + path);
        }
        long rows = 0;
        long offset = 0;
        long lineStart = 0;
        long position = 0;
        int commas = 0;
        int first = -1;
        int last = -1;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            int b;
            while (rows < limit && (b = in.read()) >= 0) {
                position++;
                if (b == '\n') {
                    if (first != '[' || last != ']' || commas + 1 != spec.width()) {
                        throw new IOException(path + " line " + (rows + 1) + " (bytes " + lineStart + ".." + position
                                + ") is not a JSON array of " + spec.width() + " values for tap " + spec.tapName()
                                + ": found " + (first == '[' && last == ']' ? (commas + 1) + " values" : "other text"));
                    }
                    rows++;
                    offset = position;
                    lineStart = position;
                    commas = 0;
                    first = -1;
                    last = -1;
                } else {
                    if (first < 0) {
                        first = b;
                    }
                    last = b;
                    if (b == ',') {
                        commas++;
                    }
                }
            }
        }
        return new long[]{rows, offset};
    }
}
