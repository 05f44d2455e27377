package org.dl4jmortal.analog.physics;

import java.util.Objects;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Device-to-device variation of a programmed conductance (DESIGN.md §3 "Faults and variation"): every device
 * gets a fixed multiplicative gain {@code max(1 + sigma_dtod xi, 0)}, {@code xi ~ N(0, 1)}, drawn once per chip
 * from its seed. This is the "dtod" convention of aihwkit's device parameters ({@code *_dtod}: relative
 * device-to-device standard deviation of a multiplicative factor around 1, clipped at 0).
 */
public final class DeviceVariation {

    private DeviceVariation() {
    }

    /**
     * Gains in the default floating-point data type.
     *
     * @see #gain(long[], double, long, DataType)
     */
    public static INDArray gain(long[] shape, double relativeStd, long key) {
        return gain(shape, relativeStd, key, Nd4j.defaultFloatingPointType());
    }

    /**
     * @param shape       shape of the device array, e.g. [nIn, nOut]
     * @param relativeStd {@code sigma_dtod}, relative standard deviation, finite and >= 0 (0 gives exactly 1)
     * @param key         KeyedRandom key of the draw
     * @param type        floating-point data type of the result
     * @return gains {@code max(1 + sigma_dtod xi, 0)} of the given shape (dimensionless)
     * @throws IllegalArgumentException if {@code relativeStd} is negative, NaN or infinite
     */
    public static INDArray gain(long[] shape, double relativeStd, long key, DataType type) {
        Objects.requireNonNull(shape, "shape");
        if (!(relativeStd >= 0) || !Double.isFinite(relativeStd)) {
            throw new IllegalArgumentException("device-to-device relative std must be finite and >= 0, got "
                    + relativeStd);
        }
        if (relativeStd == 0) {
            return Nd4j.ones(type, shape);
        }
        INDArray g = KeyedRandom.gaussian(key, type, shape).muli(relativeStd).addi(1.0);
        return Transforms.max(g, 0.0, false);
    }
}
