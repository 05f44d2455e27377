package org.dl4jmortal.analog.physics.pulsed;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The per-device parameters of one pulsed crossbar, drawn once per chip by {@link PulsedDraw} (device-to-device
 * variation). All arrays have shape {@code [rows, columns]} and device units. Immutable by convention: nobody
 * writes into these arrays after the draw.
 *
 * @param rule       name of the rule that drew them (e.g. {@code "linear-step"}); only that rule reads them
 * @param wMin       each device's lower bound, {@code < 0}
 * @param wMax       each device's upper bound, {@code > 0}
 * @param stepUp     each device's potentiating step scale {@code dwMin_ij (gain_ij + upBias + r_ij)}, {@code >= 0}
 * @param stepDown   each device's depressing step scale {@code dwMin_ij (gain_ij + downBias - r_ij)}, {@code >= 0}
 * @param ruleArrays further per-device arrays of the rule by name (LinearStep {@code slopeUp}/{@code slopeDown},
 *                   PowStep {@code gammaUp}/{@code gammaDown}); unmodifiable, possibly empty
 */
public record PulsedDeviceArrays(String rule, INDArray wMin, INDArray wMax, INDArray stepUp, INDArray stepDown,
                                 Map<String, INDArray> ruleArrays) implements PulsedDevicePhysics.DeviceArrays {

    /**
     * @throws IllegalArgumentException if an array is missing or the shapes differ
     */
    public PulsedDeviceArrays {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(wMin, "wMin");
        ruleArrays = Map.copyOf(Objects.requireNonNull(ruleArrays, "ruleArrays"));
        long[] shape = wMin.shape();
        for (INDArray a : new INDArray[]{wMax, stepUp, stepDown}) {
            requireShape(a, shape);
        }
        for (INDArray a : ruleArrays.values()) {
            requireShape(a, shape);
        }
    }

    /** @return {@code [rows, columns]} */
    public long[] shape() {
        return wMin.shape();
    }

    /**
     * @param name a rule array's name
     * @return the array, shape {@code [rows, columns]}
     * @throws IllegalStateException if the rule drew no array of that name
     */
    public INDArray ruleArray(String name) {
        INDArray a = ruleArrays.get(name);
        if (a == null) {
            throw new IllegalStateException("device arrays of rule '" + rule + "' hold no '" + name + "'; they hold "
                    + ruleArrays.keySet());
        }
        return a;
    }

    /**
     * @param fromRow first row, {@code >= 0}
     * @param toRow   one past the last row, {@code fromRow < toRow <= rows}
     * @return views of rows {@code [fromRow, toRow)} of every array (this instance for the whole range)
     * @throws IllegalArgumentException if the range is outside the arrays
     */
    public PulsedDeviceArrays rows(long fromRow, long toRow) {
        long rows = wMin.rows();
        if (fromRow < 0 || toRow <= fromRow || toRow > rows) {
            throw new IllegalArgumentException("rows [" + fromRow + ", " + toRow + ") are outside device arrays of "
                    + rows + " rows");
        }
        if (fromRow == 0 && toRow == rows) {
            return this;
        }
        Map<String, INDArray> r = new LinkedHashMap<>();
        ruleArrays.forEach((k, v) -> r.put(k, block(v, fromRow, toRow)));
        return new PulsedDeviceArrays(rule, block(wMin, fromRow, toRow), block(wMax, fromRow, toRow),
                block(stepUp, fromRow, toRow), block(stepDown, fromRow, toRow), r);
    }

    private static INDArray block(INDArray a, long fromRow, long toRow) {
        return a.get(NDArrayIndex.interval(fromRow, toRow), NDArrayIndex.all());
    }

    /**
     * @param type a floating-point data type
     * @return these arrays in that type (this instance if already so)
     */
    public PulsedDeviceArrays as(DataType type) {
        if (wMin.dataType() == type) {
            return this;
        }
        Map<String, INDArray> r = new java.util.LinkedHashMap<>();
        ruleArrays.forEach((k, v) -> r.put(k, v.castTo(type)));
        return new PulsedDeviceArrays(rule, wMin.castTo(type), wMax.castTo(type), stepUp.castTo(type),
                stepDown.castTo(type), r);
    }

    private static void requireShape(INDArray a, long[] shape) {
        Objects.requireNonNull(a, "device array");
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException("device arrays must share one shape, got " + Arrays.toString(a.shape())
                    + " and " + Arrays.toString(shape));
        }
    }
}
