package org.dl4jmortal.spi.chip;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the cost of copying knowledge out of a model (DESIGN.md §4). A <em>query</em> is one input row sent
 * to the model (repeats count: a batch of 100 rows is 100 queries); a <em>tap read</em> is one tap's values for
 * one query. Thread-safe.
 */
public final class QueryLedger {
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong tapReads = new AtomicLong();
    private final AtomicLong tapValues = new AtomicLong();
    private final AtomicLong calibrationReads = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * Records one call of {@link TappedModel#query}.
     *
     * @param rows          input rows sent (queries), {@code >= 0}
     * @param tapReads      tap reads: rows times the number of taps read
     * @param tapValues     scalar values read over all taps
     * @param bytesReturned bytes of output and tap values handed back (4 per float32 value)
     * @throws IllegalArgumentException if a count is negative
     */
    public void recordQuery(long rows, long tapReads, long tapValues, long bytesReturned) {
        if (rows < 0 || tapReads < 0 || tapValues < 0 || bytesReturned < 0) {
            throw new IllegalArgumentException("ledger counts must be >= 0, got rows=" + rows + " tapReads=" + tapReads
                    + " tapValues=" + tapValues + " bytes=" + bytesReturned);
        }
        calls.incrementAndGet();
        queries.addAndGet(rows);
        this.tapReads.addAndGet(tapReads);
        this.tapValues.addAndGet(tapValues);
        bytes.addAndGet(bytesReturned);
    }

    /**
     * Records reads the model made on its own behalf (for example global drift compensation's calibration
     * reads, DESIGN.md §3): they cost array reads but are not queries of the caller.
     *
     * @param rows calibration rows read, {@code >= 0}
     * @throws IllegalArgumentException if negative
     */
    public void recordCalibration(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("calibration rows must be >= 0, got " + rows);
        }
        calibrationReads.addAndGet(rows);
    }

    /** @return number of {@code query} calls */
    public long calls() { return calls.get(); }

    /** @return input rows sent, repeats included */
    public long queries() { return queries.get(); }

    /** @return tap reads (one tap, one row) */
    public long tapReads() { return tapReads.get(); }

    /** @return scalar tap values read */
    public long tapValues() { return tapValues.get(); }

    /** @return calibration rows read by the model itself */
    public long calibrationReads() { return calibrationReads.get(); }

    /** @return bytes handed back to callers */
    public long bytes() { return bytes.get(); }

    /** Sets every count back to zero. */
    public void reset() {
        calls.set(0);
        queries.set(0);
        tapReads.set(0);
        tapValues.set(0);
        calibrationReads.set(0);
        bytes.set(0);
    }

    /**
     * @return the counts as an ordered map with the report's keys: {@code calls, queries, tap_reads,
     * tap_values, calibration_reads, bytes}
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("calls", calls());
        m.put("queries", queries());
        m.put("tap_reads", tapReads());
        m.put("tap_values", tapValues());
        m.put("calibration_reads", calibrationReads());
        m.put("bytes", bytes());
        return m;
    }

    @Override
    public String toString() {
        return "QueryLedger" + snapshot();
    }
}
