package org.dl4jmortal.analog.physics.pulsed;

import java.util.Map;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Draws the device-to-device variation shared by all pulsed rules, as aihwkit's C++
 * {@code PulsedRPUDevice::populate} (aihwkit v1.1.0, {@code src/rpucuda/rpu_pulsed_device.cpp}, with its default
 * {@code enforce_consistency = true}), for every device {@code ij} with independent standard normals {@code xi}:
 * <ul>
 *   <li>bounds, relative (multiplicative) spread: {@code wMax_ij = |hi|}, {@code wMin_ij = -|lo|} where
 *       {@code hi, lo} are the larger and the smaller of {@code wMax (1 + wMaxDtod xi)} and
 *       {@code wMin (1 + wMinDtod xi')} (aihwkit swaps inverted bounds, then takes magnitudes); magnitudes are
 *       floored at {@code 1e-6 |wMax|} resp. {@code 1e-6 |wMin|} so that {@code wMin_ij < 0 < wMax_ij} always
 *       holds (aihwkit's bound can be exactly 0 with probability 0);</li>
 *   <li>step gain, relative spread: {@code gain_ij = 1 + dwMinDtod xi};</li>
 *   <li>asymmetry, one-sided as in the C++ code: {@code upBias = min(upDown, 0)}, {@code downBias = -max(upDown, 0)},
 *       {@code r_ij = upDownDtod xi}; {@code stepUp_ij = dwMin |gain_ij + upBias + r_ij|},
 *       {@code stepDown_ij = dwMin |gain_ij + downBias - r_ij|}.</li>
 * </ul>
 * So a positive {@code upDown} shortens the down step ({@code dwMin (1 - upDown)}) and keeps the up step at
 * {@code dwMin}; a negative one shortens the up step. (aihwkit's Python docstring writes the symmetric form
 * {@code dwMin (1 + d beta)}; its C++ code, which runs, is the one-sided form used here.)
 * <p>
 * Every quantity has its own key derived from the chip key, so rules that draw more arrays do not change these.
 */
public final class PulsedDraw {
    /** Relative floor of the drawn bound magnitudes. */
    public static final double BOUND_FLOOR = 1e-6;

    private PulsedDraw() {
    }

    /**
     * @param p       the shared parameters
     * @param rule    name of the rule that will read the arrays
     * @param rows    rows ({@code >= 1})
     * @param columns columns ({@code >= 1})
     * @param key     KeyedRandom key of this chip's device draw
     * @param type    floating-point data type of the arrays
     * @param extra   rule arrays to attach (shape {@code [rows, columns]}), possibly empty
     * @return the arrays, shape {@code [rows, columns]}
     * @throws IllegalArgumentException if {@code rows} or {@code columns} is {@code < 1}
     */
    public static PulsedDeviceArrays draw(PulsedParameters p, String rule, long rows, long columns, long key,
                                          DataType type, Map<String, INDArray> extra) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("a device array needs rows >= 1 and columns >= 1, got [" + rows + ", "
                    + columns + "]");
        }
        INDArray maxDraw = relative(p.wMax(), p.wMaxDtod(), KeyedRandom.key(key, "pulsed/wMax"), type, rows, columns);
        INDArray minDraw = relative(p.wMin(), p.wMinDtod(), KeyedRandom.key(key, "pulsed/wMin"), type, rows, columns);
        INDArray hi = Transforms.max(maxDraw, minDraw, true);
        INDArray lo = Transforms.min(maxDraw, minDraw, true);
        INDArray wMax = Transforms.max(Transforms.abs(hi, false), BOUND_FLOOR * Math.abs(p.wMax()), false);
        INDArray wMin = Transforms.max(Transforms.abs(lo, false), BOUND_FLOOR * Math.abs(p.wMin()), false).negi();

        INDArray gain = gaussianOrZero(p.dwMinDtod(), KeyedRandom.key(key, "pulsed/dwMin"), type, rows, columns)
                .addi(1.0);
        INDArray r = gaussianOrZero(p.upDownDtod(), KeyedRandom.key(key, "pulsed/upDown"), type, rows, columns);
        double upBias = Math.min(p.upDown(), 0.0);
        double downBias = -Math.max(p.upDown(), 0.0);
        INDArray stepUp = Transforms.abs(gain.add(r).addi(upBias), false).muli(p.dwMin());
        INDArray stepDown = Transforms.abs(gain.sub(r).addi(downBias), false).muli(p.dwMin());
        return new PulsedDeviceArrays(rule, wMin, wMax, stepUp, stepDown, extra);
    }

    /**
     * @param mean        the mean value
     * @param relativeStd relative std ({@code >= 0})
     * @param key         key of the draw
     * @param type        data type
     * @param shape       shape
     * @return {@code mean (1 + relativeStd xi)} (exactly {@code mean} where {@code relativeStd} is 0)
     */
    public static INDArray relative(double mean, double relativeStd, long key, DataType type, long... shape) {
        return gaussianOrZero(relativeStd, key, type, shape).addi(1.0).muli(mean);
    }

    /**
     * @param std   standard deviation ({@code >= 0})
     * @param key   key of the draw
     * @param type  data type
     * @param shape shape
     * @return {@code std xi}, all zeros (no draw) if {@code std} is 0
     */
    public static INDArray gaussianOrZero(double std, long key, DataType type, long... shape) {
        if (std == 0) {
            return org.nd4j.linalg.factory.Nd4j.zeros(type, shape);
        }
        return KeyedRandom.gaussian(key, type, shape).muli(std);
    }
}
