package org.dl4jmortal.spi.distill;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inputs a teacher is queried on to teach a student (DESIGN.md §4 "Transfer data"): labelled data, unlabelled
 * data, synthetic inputs, or a recorded tap export whose teacher outputs and taps were read once already.
 *
 * @param description    one line: where the rows come from
 * @param inputs         {@code [rows, width]} in the teacher's input units
 * @param labels         one-hot labels {@code [rows, classes]}, or null for unlabelled rows
 * @param teacherOutputs the teacher's recorded outputs {@code [rows, classes]}, or null to query the teacher
 * @param teacherTaps    recorded teacher tap values by tap name, {@code [rows, tapWidth]} each; empty if none
 */
public record TransferSet(String description, INDArray inputs, INDArray labels, INDArray teacherOutputs,
                          Map<String, INDArray> teacherTaps) {

    /**
     * @throws NullPointerException     if the description, inputs or taps map is null
     * @throws IllegalArgumentException if the inputs are not a non-empty matrix, or labels, outputs or taps do not
     *                                  have one row per input row
     */
    public TransferSet {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputs, "inputs");
        teacherTaps = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(teacherTaps,
                "teacherTaps")));
        if (inputs.rank() != 2 || inputs.rows() == 0) {
            throw new IllegalArgumentException("transfer inputs must be a non-empty [rows, width] matrix, got shape "
                    + java.util.Arrays.toString(inputs.shape()));
        }
        requireRows("labels", labels, inputs.rows());
        requireRows("teacher outputs", teacherOutputs, inputs.rows());
        for (Map.Entry<String, INDArray> e : teacherTaps.entrySet()) {
            requireRows("tap " + e.getKey(), e.getValue(), inputs.rows());
        }
    }

    private static void requireRows(String what, INDArray a, long rows) {
        if (a != null && (a.rank() != 2 || a.rows() != rows)) {
            throw new IllegalArgumentException("transfer " + what + " must be [" + rows + ", width], got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
    }

    /**
     * @param description one line
     * @param inputs      {@code [rows, width]}
     * @param labels      one-hot {@code [rows, classes]} or null
     * @return a transfer set whose teacher outputs are still to be queried
     */
    public static TransferSet of(String description, INDArray inputs, INDArray labels) {
        return new TransferSet(description, inputs, labels, null, Map.of());
    }

    /** @return number of rows */
    public long rows() {
        return inputs.rows();
    }

    /** @return values per input row */
    public int width() {
        return (int) inputs.columns();
    }

    /** @return true if the rows carry labels */
    public boolean labelled() {
        return labels != null;
    }

    /** @return true if the teacher's outputs were recorded (no query needed) */
    public boolean recorded() {
        return teacherOutputs != null;
    }
}
