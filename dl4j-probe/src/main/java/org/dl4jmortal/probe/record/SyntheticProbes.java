package org.dl4jmortal.probe.record;

import java.util.Locale;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Synthetic probe inputs for when the original data is gone (DESIGN.md §4, transfer data): {@code gaussian:N}
 * draws every value from {@code N(0, 1)}, {@code uniform:N} from the uniform distribution on {@code [0, 1)} (the
 * range of pixel data scaled to {@code [0, 1]}). Rows are generated in blocks of {@value #BLOCK} rows, block {@code k}
 * from {@link KeyedRandom} under the key {@code (seed, "probe/<kind>", k)}, so row {@code r} is the same whatever the
 * batch size and wherever reading starts; only one block is held in memory.
 */
public final class SyntheticProbes implements ProbeSource {
    /** Rows per generation block. */
    public static final int BLOCK = 1024;

    /** The distribution of the values. */
    public enum Kind {
        /** Standard normal {@code N(0, 1)}. */
        GAUSSIAN,
        /** Uniform on {@code [0, 1)}. */
        UNIFORM
    }

    private final Kind kind;
    private final long rows;
    private final int width;
    private final long seed;
    private long position;
    private long blockIndex = -1;
    private INDArray block;

    /**
     * @param kind  distribution
     * @param rows  number of rows, {@code > 0}
     * @param width values per row, {@code > 0}
     * @param seed  seed of the draws
     * @throws IllegalArgumentException if rows or width is not positive
     */
    public SyntheticProbes(Kind kind, long rows, int width, long seed) {
        if (rows <= 0 || width <= 0) {
            throw new IllegalArgumentException("synthetic probes need rows > 0 and width > 0, got rows=" + rows
                    + " width=" + width);
        }
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.rows = rows;
        this.width = width;
        this.seed = seed;
    }

    /**
     * Parses {@code gaussian:N} or {@code uniform:N}.
     *
     * @param spec  the specification, e.g. {@code gaussian:70000}
     * @param width values per row (the model's input size)
     * @param seed  seed of the draws
     * @return the source
     * @throws IllegalArgumentException if the spec is not {@code gaussian:N} or {@code uniform:N} with a positive
     *                                  integer {@code N}
     */
    public static SyntheticProbes parse(String spec, int width, long seed) {
        String s = spec == null ? "" : spec.trim();
        int colon = s.indexOf(':');
        String usage = "synthetic probes are 'gaussian:N' or 'uniform:N' with N a positive row count, got '" + spec + "'";
        if (colon < 0) {
            throw new IllegalArgumentException(usage);
        }
        Kind k;
        switch (s.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "gaussian" -> k = Kind.GAUSSIAN;
            case "uniform" -> k = Kind.UNIFORM;
            default -> throw new IllegalArgumentException(usage);
        }
        long n;
        try {
            n = Long.parseLong(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage, e);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(usage);
        }
        return new SyntheticProbes(k, n, width, seed);
    }

    @Override
    public String description() {
        return "synthetic " + kind.name().toLowerCase(Locale.ROOT) + ":" + rows + " (" + (kind == Kind.GAUSSIAN
                ? "N(0, 1)" : "U[0, 1)") + ", width " + width + ", seed " + seed + ")";
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int width() {
        return width;
    }

    private INDArray block(long k) {
        if (k != blockIndex) {
            long n = Math.min(BLOCK, rows - k * BLOCK);
            long key = KeyedRandom.key(seed, "probe/" + kind.name().toLowerCase(Locale.ROOT), k);
            block = kind == Kind.GAUSSIAN ? KeyedRandom.gaussian(key, DataType.FLOAT, n, width)
                    : KeyedRandom.uniform(key, DataType.FLOAT, n, width);
            blockIndex = k;
        }
        return block;
    }

    @Override
    public INDArray next(int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0, got " + maxRows);
        }
        if (position >= rows) {
            return null;
        }
        long k = position / BLOCK;
        INDArray b = block(k);
        long from = position - k * BLOCK;
        long to = Math.min(b.size(0), from + maxRows);
        INDArray out = b.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
        position += to - from;
        return out;
    }

    @Override
    public void skip(long n) {
        if (n < 0 || position + n > rows) {
            throw new IllegalArgumentException("cannot skip " + n + " rows at row " + position + " of " + rows);
        }
        position += n;
    }
}
