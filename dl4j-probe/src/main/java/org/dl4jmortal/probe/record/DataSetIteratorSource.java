package org.dl4jmortal.probe.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Rows from one or several {@link DataSetIterator}s read one after the other (for a data folder: the training
 * images, then the test images). Features of rank above 2 (images {@code [n, c, h, w]}) are flattened to
 * {@code [n, width]} in C order; labels are ignored. Each iterator is reset before it is read if it supports reset.
 */
public final class DataSetIteratorSource implements ProbeSource {

    /**
     * One named iterator.
     *
     * @param name     a short name for the description ({@code "train"}, {@code "test"})
     * @param iterator the iterator
     * @param rows     rows it yields, or {@code -1} if unknown
     */
    public record Part(String name, DataSetIterator iterator, long rows) {
        /** @throws NullPointerException if the name or iterator is null */
        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(iterator, "iterator");
        }
    }

    private final List<Part> parts;
    private final int width;
    private final String origin;
    private int current;
    private boolean started;
    private INDArray pending;
    private long pendingOffset;

    /**
     * @param origin where the data comes from (a folder path), for the description
     * @param width  values per row after flattening, {@code > 0}
     * @param parts  the iterators in reading order, at least one
     * @throws IllegalArgumentException if there is no part or the width is not positive
     */
    public DataSetIteratorSource(String origin, int width, List<Part> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("a data set source needs at least one iterator");
        }
        if (width <= 0) {
            throw new IllegalArgumentException("width must be > 0, got " + width);
        }
        this.parts = List.copyOf(parts);
        this.width = width;
        this.origin = origin;
    }

    @Override
    public String description() {
        List<String> ps = new ArrayList<>();
        for (Part p : parts) {
            ps.add(p.name() + (p.rows() >= 0 ? " (" + p.rows() + " rows)" : ""));
        }
        return origin + ": " + String.join(" then ", ps);
    }

    @Override
    public long rows() {
        long sum = 0;
        for (Part p : parts) {
            if (p.rows() < 0) {
                return -1;
            }
            sum += p.rows();
        }
        return sum;
    }

    @Override
    public int width() {
        return width;
    }

    private INDArray fetch() {
        while (current < parts.size()) {
            DataSetIterator it = parts.get(current).iterator();
            if (!started) {
                if (it.resetSupported()) {
                    it.reset();
                }
                started = true;
            }
            if (it.hasNext()) {
                DataSet ds = it.next();
                INDArray f = ds.getFeatures();
                long n = f.size(0);
                INDArray flat = f.rank() == 2 ? f : f.dup('c').reshape('c', n, f.length() / n);
                if (flat.size(1) != width) {
                    throw new IllegalArgumentException("data part '" + parts.get(current).name() + "' has rows of "
                            + flat.size(1) + " values, expected " + width);
                }
                return flat.castTo(DataType.FLOAT);
            }
            current++;
            started = false;
        }
        return null;
    }

    @Override
    public INDArray next(int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0, got " + maxRows);
        }
        while (pending == null || pendingOffset >= pending.size(0)) {
            pending = fetch();
            pendingOffset = 0;
            if (pending == null) {
                return null;
            }
        }
        long to = Math.min(pending.size(0), pendingOffset + maxRows);
        INDArray out = pending.get(NDArrayIndex.interval(pendingOffset, to), NDArrayIndex.all()).dup('c');
        pendingOffset = to;
        return out;
    }
}
