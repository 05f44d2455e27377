package org.dl4jmortal.probe.record;

/**
 * A tap read NaN while the {@link NanPolicy} is {@link NanPolicy#FAIL}: nothing of the offending batch was
 * written; the export can be resumed from its last checkpoint with the policy {@link NanPolicy#WRITE}.
 */
public final class TapNaNException extends IllegalStateException {
    private final String tapName;
    private final long row;
    private final long column;
    private final long nanCount;

    /**
     * @param tapName  the tap
     * @param row      position of the first offending row in the source data
     * @param column   its first NaN column
     * @param nanCount NaN values of this tap in the offending batch
     * @param batchRows rows of the offending batch
     */
    public TapNaNException(String tapName, long row, long column, long nanCount, long batchRows) {
        super("tap '" + tapName + "' read NaN at source row " + row + ", column " + column + " (" + nanCount
                + " NaN values in the batch of " + batchRows + " rows starting there or before); NaN is never"
                + " written unless asked for: use the NaN policy WRITE (--allow-nan) to record them as NaN");
        this.tapName = tapName;
        this.row = row;
        this.column = column;
        this.nanCount = nanCount;
    }

    /** @return the tap that read NaN */
    public String tapName() {
        return tapName;
    }

    /** @return the source row of the first NaN */
    public long row() {
        return row;
    }

    /** @return the column of the first NaN */
    public long column() {
        return column;
    }

    /** @return NaN values in the offending batch at this tap */
    public long nanCount() {
        return nanCount;
    }
}
