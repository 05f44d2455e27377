package org.dl4jmortal.analog.physics;

import java.util.Arrays;
import java.util.Objects;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stuck-at faults (DESIGN.md §3 "Faults and variation"): a fraction of devices is stuck at zero conductance and
 * a fraction at {@code gMax}, drawn once per chip from its seed; a stuck device ignores programming, drift and
 * noise. Codes are stored as floating-point numbers so they fit a layer's flat parameter view:
 * {@link #HEALTHY} 0, {@link #STUCK_AT_ZERO} 1, {@link #STUCK_AT_GMAX} 2.
 * <p>
 * Sources: the stuck-at-0 / stuck-at-1 fault model of resistive crossbars (Xia et al., "Stuck-at fault tolerance
 * in RRAM computing systems", IEEE JETCAS 8(1), 2018); aihwkit models the same failure for pulsed devices with
 * {@code PulsedDevice.corrupt_devices_prob}. Each device is independently healthy, stuck at 0 or stuck at gMax.
 */
public final class FaultMap {
    /** Code of a healthy device. */
    public static final double HEALTHY = 0.0;
    /** Code of a device stuck at zero conductance. */
    public static final double STUCK_AT_ZERO = 1.0;
    /** Code of a device stuck at {@code gMax} (normalised conductance 1). */
    public static final double STUCK_AT_GMAX = 2.0;

    private FaultMap() {
    }

    /**
     * Draws fault codes in the default floating-point data type.
     *
     * @see #draw(long[], double, double, long, DataType)
     */
    public static INDArray draw(long[] shape, double stuckAtZeroFraction, double stuckAtGMaxFraction, long key) {
        return draw(shape, stuckAtZeroFraction, stuckAtGMaxFraction, key, Nd4j.defaultFloatingPointType());
    }

    /**
     * Draws independent fault codes: with {@code u ~ U[0, 1)} per device, code 1 if {@code u < f0}, code 2 if
     * {@code f0 <= u < f0 + fG}, else 0.
     *
     * @param shape               shape of the device array, e.g. [nIn, nOut]
     * @param stuckAtZeroFraction {@code f0}, expected fraction stuck at 0, in [0, 1]
     * @param stuckAtGMaxFraction {@code fG}, expected fraction stuck at {@code gMax}, in [0, 1]
     * @param key                 KeyedRandom key of the draw
     * @param type                floating-point data type of the codes
     * @return codes (0, 1 or 2) of the given shape
     * @throws IllegalArgumentException if a fraction is outside [0, 1] or NaN, or {@code f0 + fG > 1}
     */
    public static INDArray draw(long[] shape, double stuckAtZeroFraction, double stuckAtGMaxFraction, long key,
                                DataType type) {
        Objects.requireNonNull(shape, "shape");
        checkFraction("stuckAtZeroFraction", stuckAtZeroFraction);
        checkFraction("stuckAtGMaxFraction", stuckAtGMaxFraction);
        if (stuckAtZeroFraction + stuckAtGMaxFraction > 1.0) {
            throw new IllegalArgumentException("stuckAtZeroFraction + stuckAtGMaxFraction must be <= 1, got "
                    + stuckAtZeroFraction + " + " + stuckAtGMaxFraction + " = "
                    + (stuckAtZeroFraction + stuckAtGMaxFraction));
        }
        if (stuckAtZeroFraction == 0 && stuckAtGMaxFraction == 0) {
            return Nd4j.zeros(type, shape);
        }
        INDArray u = KeyedRandom.uniform(key, DataType.DOUBLE, shape);
        INDArray zero = u.lt(stuckAtZeroFraction).castTo(type);
        INDArray gMax = u.lt(stuckAtZeroFraction + stuckAtGMaxFraction).castTo(type).subi(zero);
        return zero.addi(gMax.muli(STUCK_AT_GMAX));
    }

    /**
     * Applies the faults: stuck-at-0 devices read 0, stuck-at-gMax devices read 1, healthy ones keep {@code g}.
     *
     * @param g     conductances, any shape, units of {@code gMax}
     * @param codes fault codes of the same shape (0, 1, 2)
     * @return the faulty conductances, new array of {@code g}'s data type
     * @throws IllegalArgumentException if the shapes differ
     */
    public static INDArray apply(INDArray g, INDArray codes) {
        checkShapes(g, codes);
        INDArray c = PairMapping.castLike(codes, g);
        INDArray healthy = c.eq(HEALTHY).castTo(g.dataType());
        INDArray high = c.eq(STUCK_AT_GMAX).castTo(g.dataType());
        return healthy.muli(g).addi(high);
    }

    /**
     * @param codes fault codes, any shape
     * @return 1 where the device is healthy, 0 where it is stuck; same shape and data type as {@code codes}
     */
    public static INDArray healthyMask(INDArray codes) {
        return codes.eq(HEALTHY).castTo(codes.dataType());
    }

    private static void checkFraction(String name, double f) {
        if (!(f >= 0 && f <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], got " + f);
        }
    }

    private static void checkShapes(INDArray g, INDArray codes) {
        if (!g.equalShapes(codes)) {
            throw new IllegalArgumentException("fault codes must have the conductances' shape "
                    + Arrays.toString(g.shape()) + ", got " + Arrays.toString(codes.shape()));
        }
    }
}
