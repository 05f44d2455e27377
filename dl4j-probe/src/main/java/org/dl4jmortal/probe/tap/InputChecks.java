package org.dl4jmortal.probe.tap;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Validation of query inputs shared by the tapped models of this module. */
public final class InputChecks {
    private InputChecks() {
    }

    /**
     * Checks a query input.
     *
     * @param input the input {@code [batch, width]}
     * @param width the expected number of columns
     * @throws IllegalArgumentException if the input is null, not rank 2, has no rows, has the wrong number of
     *                                  columns, or holds a NaN or infinite value (the message names the first
     *                                  such element as {@code [row, column]} and its value)
     */
    public static void checkInput(INDArray input, int width) {
        if (input == null) {
            throw new IllegalArgumentException("input must not be null; expected [batch, " + width + "]");
        }
        if (input.rank() != 2) {
            throw new IllegalArgumentException("input must be a matrix [batch, " + width + "], got shape "
                    + Arrays.toString(input.shape()));
        }
        if (input.size(1) != width) {
            throw new IllegalArgumentException("input has " + input.size(1) + " columns per row, the model takes "
                    + width + " (shape " + Arrays.toString(input.shape()) + ")");
        }
        if (input.size(0) == 0) {
            throw new IllegalArgumentException("input has no rows; expected [batch >= 1, " + width + "]");
        }
        if (!input.dataType().isFPType()) {
            throw new IllegalArgumentException("input must hold floating point values, got " + input.dataType());
        }
        long[] at = hasNonFinite(input) ? firstNonFinite(input) : null;
        if (at != null) {
            throw new IllegalArgumentException("input holds a non-finite value " + input.getDouble(at[0], at[1])
                    + " at [row " + at[0] + ", column " + at[1] + "]; every input value must be finite");
        }
    }

    /**
     * Fast screen: the sum of all values is finite unless a value is NaN or infinite (or the finite values overflow,
     * which the exact scan of {@link #firstNonFinite} then clears).
     *
     * @param values any array
     * @return false if every value is certainly finite, true if one may not be
     */
    public static boolean hasNonFinite(INDArray values) {
        return !Double.isFinite(values.sumNumber().doubleValue());
    }

    /**
     * Counts NaN values, screening with the sum first so that arrays without NaN cost one reduction.
     *
     * @param values any array
     * @return the number of NaN values
     */
    public static long countNaN(INDArray values) {
        if (!hasNonFinite(values)) {
            return 0;
        }
        return BooleanIndexing.or(values, Conditions.isNan())
                ? org.nd4j.linalg.factory.Nd4j.getExecutioner().exec(
                        new org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition(values, Conditions.isNan()))
                .getLong(0)
                : 0;
    }

    /**
     * @param values a matrix {@code [n, width]}
     * @return {@code {row, column}} of the first NaN or infinite value in row-major order, or null if none
     */
    public static long[] firstNonFinite(INDArray values) {
        long rows = values.size(0);
        for (long r = 0; r < rows; r++) {
            double[] row = values.getRow(r).toDoubleVector();
            for (int c = 0; c < row.length; c++) {
                if (!Double.isFinite(row[c])) {
                    return new long[]{r, c};
                }
            }
        }
        return null;
    }

    /**
     * @param values a matrix {@code [n, width]}
     * @return {@code {row, column}} of the first NaN in row-major order, or null if none
     */
    public static long[] firstNaN(INDArray values) {
        long rows = values.size(0);
        for (long r = 0; r < rows; r++) {
            double[] row = values.getRow(r).toDoubleVector();
            for (int c = 0; c < row.length; c++) {
                if (Double.isNaN(row[c])) {
                    return new long[]{r, c};
                }
            }
        }
        return null;
    }
}
