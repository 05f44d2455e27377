package org.dl4jmortal.probe.record;

/** Hears the progress of a recording (progress bars, tests). Every method has an empty default. */
public interface RecordingObserver {

    /**
     * @param firstRow  the row this session starts at (0, or the resumed row count)
     * @param totalRows rows the source yields in total, or {@code -1} if unknown
     */
    default void started(long firstRow, long totalRows) {
    }

    /**
     * Called after each batch was appended to every tap file (before a checkpoint, if one follows).
     *
     * @param rowsWritten rows in the files now
     * @param totalRows   rows the source yields in total, or {@code -1}
     */
    default void batchWritten(long rowsWritten, long totalRows) {
    }

    /**
     * Called after the files were synced and the manifest rewritten.
     *
     * @param rowsCompleted rows the manifest now records as complete
     */
    default void checkpointed(long rowsCompleted) {
    }
}
