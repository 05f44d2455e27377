package org.dl4jmortal.probe.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shape checks and float32 conversion shared by the exporters. */
final class FloatRows {
    private FloatRows() {
    }

    /**
     * @param inputs [n, inputWidth] or null
     * @param values [n, width]
     * @param spec   the file's widths
     * @throws IllegalArgumentException if a shape does not match
     */
    static void check(INDArray inputs, INDArray values, TapFileSpec spec) {
        if (values == null || values.rank() != 2 || values.size(1) != spec.width()) {
            throw new IllegalArgumentException("tap '" + spec.tapName() + "' takes rows [n, " + spec.width()
                    + "], got " + (values == null ? "null" : Arrays.toString(values.shape())));
        }
        if (inputs != null && (inputs.rank() != 2 || inputs.size(1) != spec.inputWidth()
                || inputs.size(0) != values.size(0))) {
            throw new IllegalArgumentException("tap '" + spec.tapName() + "' takes input rows [" + values.size(0)
                    + ", " + spec.inputWidth() + "] with its values, got " + Arrays.toString(inputs.shape()));
        }
    }

    /**
     * @param a a matrix of any floating point type
     * @return its values as float32 in row-major order
     */
    static float[] toFloats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /**
     * @param a a matrix of any floating point type
     * @return {@code a} itself if it is a float32, C-ordered array owning its whole buffer from offset 0, else a
     * float32 C-ordered copy
     */
    static INDArray contiguousFloat(INDArray a) {
        INDArray f = a.castTo(DataType.FLOAT);
        boolean whole = !f.isView() && f.ordering() == 'c' && f.offset() == 0 && f.data().length() == f.length();
        return whole ? f : f.dup('c');
    }

    /**
     * The bytes of a {@link #contiguousFloat} array without copying when the platform is little-endian: a view of the
     * array's native memory. The caller must keep {@code f} reachable until the bytes are written.
     *
     * @param f a contiguous float32 array from {@link #contiguousFloat}
     * @return little-endian float32 bytes in row-major order, positioned at 0
     */
    static ByteBuffer nativeLittleEndian(INDArray f) {
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            ByteBuffer bb = f.data().asNio().duplicate();
            bb.position(0).limit((int) (f.length() * 4));
            return bb.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
        return toLittleEndian(f);
    }

    /**
     * @param a a matrix
     * @return its values as little-endian float32 bytes in row-major order, ready to write (a heap copy)
     */
    static ByteBuffer toLittleEndian(INDArray a) {
        float[] f = toFloats(a);
        ByteBuffer bb = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(f);
        bb.position(0).limit(f.length * 4);
        return bb;
    }
}
