package org.dl4jmortal.probe.record;

/** What the recorder does with NaN values read at a tap (they are always counted, per tap). */
public enum NanPolicy {
    /** Default: stop with a {@link TapNaNException} naming the tap, the source row and the column. */
    FAIL,
    /** Write NaN values as NaN (the user opted in); the counts go into the manifest and the summary. */
    WRITE
}
