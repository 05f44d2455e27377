package org.dl4jmortal.analog.host;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between ND4J's native buffers and Java working arrays (row-major), for the fused element-wise stages
 * that are cheaper as one Java loop than as a chain of native calls (the periphery's converters and noise, the
 * pulse trains, the cycle-to-cycle noise). FLOAT and DOUBLE arrays are copied with one native memcpy; other
 * floating-point types go through FLOAT.
 */
public final class HostArrays {
    /** Elements of work from which {@link #forEachRow} goes parallel. */
    private static final long PARALLEL_THRESHOLD = 1L << 15;

    private HostArrays() {
    }

    /**
     * @param a any floating-point array, any shape (e.g. {@code [rows, columns]}), views allowed
     * @return its values in row-major order, as doubles (a new array of {@code a.length()} values)
     * @throws ArithmeticException if {@code a} has more than {@link Integer#MAX_VALUE} elements
     */
    public static double[] toDoubles(INDArray a) {
        INDArray c = contiguous(a);
        int n = Math.toIntExact(c.length());
        if (c.dataType() == DataType.DOUBLE) {
            double[] d = new double[n];
            ((DoublePointer) c.data().addressPointer()).get(d);
            return d;
        }
        float[] f = toFloats(c);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * @param a any floating-point array, any shape, views allowed
     * @return its values in row-major order, as floats (doubles are rounded; a new array of {@code a.length()} values)
     * @throws ArithmeticException if {@code a} has more than {@link Integer#MAX_VALUE} elements
     */
    public static float[] toFloats(INDArray a) {
        INDArray c = contiguous(a);
        if (c.dataType() != DataType.FLOAT) {
            c = c.castTo(DataType.FLOAT);
        }
        float[] f = new float[Math.toIntExact(c.length())];
        ((FloatPointer) c.data().addressPointer()).get(f);
        return f;
    }

    /**
     * @param d     values in row-major order, {@code rows * cols} of them
     * @param rows  rows of the result
     * @param cols  columns of the result
     * @param type  floating-point data type of the result (other than FLOAT and DOUBLE: rounded through FLOAT)
     * @return a new c-order {@code [rows, cols]} array holding {@code d}
     * @throws IllegalArgumentException if {@code d.length != rows * cols}
     */
    public static INDArray fromDoubles(double[] d, long rows, long cols, DataType type) {
        requireLength(d.length, rows, cols);
        if (type == DataType.DOUBLE) {
            INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, rows, cols);
            ((DoublePointer) out.data().addressPointer()).put(d);
            return out;
        }
        float[] f = new float[d.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) d[i];
        }
        return fromFloats(f, rows, cols, type);
    }

    /**
     * @param f     values in row-major order, {@code rows * cols} of them
     * @param rows  rows of the result
     * @param cols  columns of the result
     * @param type  floating-point data type of the result
     * @return a new c-order {@code [rows, cols]} array holding {@code f}
     * @throws IllegalArgumentException if {@code f.length != rows * cols}
     */
    public static INDArray fromFloats(float[] f, long rows, long cols, DataType type) {
        requireLength(f.length, rows, cols);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        ((FloatPointer) out.data().addressPointer()).put(f);
        return type == DataType.FLOAT ? out : out.castTo(type);
    }

    /**
     * Runs {@code body} for every row index in {@code [0, count)}: in parallel on the common fork-join pool when the
     * work ({@code count * width} elements) is large enough to pay for it, else in order. The body must write only
     * its own row's outputs and draw its randomness from the row's own key, so the result does not depend on the
     * order.
     *
     * @param count number of rows, {@code >= 0}
     * @param width elements per row (decides whether to go parallel)
     * @param body  the work of one row; an exception it throws is rethrown here
     */
    public static void forEachRow(int count, int width, IntConsumer body) {
        if ((long) count * width >= PARALLEL_THRESHOLD && count > 1) {
            IntStream.range(0, count).parallel().forEach(body);
        } else {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
        }
    }

    private static void requireLength(int length, long rows, long cols) {
        if (length != rows * cols) {
            throw new IllegalArgumentException(length + " values do not fill a [" + rows + ", " + cols + "] array");
        }
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() && a.data().length() == a.length() ? a : a.dup('c');
    }
}
