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
     * @param a a matrix
     * @return its values as little-endian float32 bytes in row-major order, ready to write
     */
    static ByteBuffer toLittleEndian(INDArray a) {
        float[] f = toFloats(a);
        ByteBuffer bb = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(f);
        bb.position(0).limit(f.length * 4);
        return bb;
    }
}
