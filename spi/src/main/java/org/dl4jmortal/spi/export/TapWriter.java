package org.dl4jmortal.spi.export;

import java.io.Closeable;
import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A streaming writer of one tap file, opened by a {@link TapExporter}. Rows are appended in the order of the
 * source data; nothing but the current batch is held in memory. Not thread-safe.
 * <p>
 * Life cycle: {@link #append} any number of times, {@link #checkpoint()} whenever the caller wants the rows so far
 * to be durable (the recorder then records the row count in its manifest), then either {@link #finish()} (the file
 * is complete and valid, e.g. the NPY header states the final row count) or {@link #close()} alone (the file stays
 * a partial file that {@link TapExporter#resume} can continue).
 */
public interface TapWriter extends Closeable {

    /**
     * Appends rows.
     *
     * @param inputs the query rows that produced these values {@code [n, inputWidth]} (used by exporters that store
     *               input/value pairs; others ignore it)
     * @param values tap values {@code [n, width]}, any floating point type (written as float32)
     * @throws IllegalArgumentException if a shape does not match the {@link TapFileSpec} or the row counts differ
     * @throws IllegalStateException    if the writer was finished or closed
     * @throws IOException              if writing fails
     */
    void append(INDArray inputs, INDArray values) throws IOException;

    /**
     * Forces every appended row to stable storage; afterwards {@link #rows()} rows survive a crash.
     *
     * @throws IOException if flushing fails
     */
    void checkpoint() throws IOException;

    /**
     * Completes the file (fixes headers, flushes, closes). The caller renames the part file afterwards.
     *
     * @throws IOException if writing fails
     */
    void finish() throws IOException;

    /** @return rows appended so far, including rows of earlier sessions that were resumed */
    long rows();

    /** @return bytes of the file so far (headers included) */
    long bytes();

    /** Releases file handles without completing the file; idempotent. */
    @Override
    void close() throws IOException;
}
