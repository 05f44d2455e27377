package org.dl4jmortal.analog.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Validation of arrays handed to an analog layer, with messages that name the layer, the value and the rule. */
final class InputChecks {
    private InputChecks() {
    }

    /**
     * @param x       the array, expected {@code [rows, columns]}
     * @param columns required number of columns
     * @param what    what the array is, for the message (e.g. "input of layer dense0")
     * @throws IllegalArgumentException if the rank or width is wrong, or a value is NaN or infinite (naming the
     *                                  first bad index)
     */
    static void requireFiniteMatrix(INDArray x, long columns, String what) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(what + " must be a matrix [batch, " + columns + "], got rank "
                    + x.rank() + " shape " + Arrays.toString(x.shape()));
        }
        if (x.columns() != columns) {
            throw new IllegalArgumentException(what + " has " + x.columns() + " features per row; expected "
                    + columns + " (shape " + Arrays.toString(x.shape()) + ")");
        }
        double sum = x.sumNumber().doubleValue();
        if (Double.isFinite(sum)) {
            return;
        }
        long rows = x.rows();
        for (long r = 0; r < rows; r++) {
            for (long c = 0; c < columns; c++) {
                double v = x.getDouble(r, c);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + " holds a non-finite value " + v + " at [" + r + ", "
                            + c + "]; analog inputs must be finite numbers");
                }
            }
        }
    }

    /**
     * @param seconds a time since programming
     * @return the value
     * @throws IllegalArgumentException if negative, NaN or infinite
     */
    static double requireTime(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new IllegalArgumentException("time since programming must be finite and >= 0 seconds, got " + seconds);
        }
        return seconds;
    }
}
