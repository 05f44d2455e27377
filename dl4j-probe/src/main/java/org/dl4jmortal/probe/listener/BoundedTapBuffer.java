package org.dl4jmortal.probe.listener;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An in-memory {@link TapSink} that keeps the most recent {@code maxRows} rows of each tap (older rows are dropped,
 * so memory stays bounded) and counts every row it was given. Thread-safe.
 */
public final class BoundedTapBuffer implements TapSink {
    private final long maxRows;
    private final Map<String, Deque<INDArray>> chunks = new LinkedHashMap<>();
    private final Map<String, Long> held = new LinkedHashMap<>();
    private final Map<String, Long> seen = new LinkedHashMap<>();

    /**
     * @param maxRows rows kept per tap, {@code > 0}
     * @throws IllegalArgumentException if not positive
     */
    public BoundedTapBuffer(long maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("buffer size must be > 0 rows, got " + maxRows);
        }
        this.maxRows = maxRows;
    }

    @Override
    public synchronized void accept(String tapName, INDArray inputs, INDArray values) {
        Deque<INDArray> d = chunks.computeIfAbsent(tapName, k -> new ArrayDeque<>());
        d.addLast(values);
        long h = held.merge(tapName, values.size(0), Long::sum);
        seen.merge(tapName, values.size(0), Long::sum);
        while (h > maxRows) {
            INDArray first = d.peekFirst();
            long excess = h - maxRows;
            if (first.size(0) <= excess) {
                d.removeFirst();
                h -= first.size(0);
            } else {
                d.removeFirst();
                d.addFirst(first.get(NDArrayIndex.interval(excess, first.size(0)), NDArrayIndex.all()).dup());
                h -= excess;
            }
        }
        held.put(tapName, h);
    }

    /**
     * @param tapName a tap
     * @return the kept rows, oldest first {@code [min(seen, maxRows), width]}
     * @throws IllegalArgumentException if nothing was recorded for the tap (lists the recorded taps)
     */
    public synchronized INDArray rows(String tapName) {
        Deque<INDArray> d = chunks.get(tapName);
        if (d == null || d.isEmpty()) {
            throw new IllegalArgumentException("nothing recorded for tap '" + tapName + "'; recorded: " + chunks.keySet());
        }
        return d.size() == 1 ? d.peekFirst() : Nd4j.vstack(d.toArray(new INDArray[0]));
    }

    /**
     * @param tapName a tap
     * @return rows ever given for it (kept or dropped)
     */
    public synchronized long seen(String tapName) {
        return seen.getOrDefault(tapName, 0L);
    }
}
