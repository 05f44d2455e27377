package org.dl4jmortal.analog.physics;

import java.util.Objects;
import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Accumulated 1/f (and random telegraph) noise of a programmed device along one consistent path
 * (DESIGN.md §3 "Accumulated 1/f noise").
 * <p>
 * aihwkit ({@code PCMLikeNoiseModel.apply_drift_noise_to_conductance}, after Nandakumar et al., ICECS 2019)
 * draws {@code g(t) + |g(t)| Q_s sqrt(s(t)) xi} afresh at every call, with
 * {@code s(t) = ln((t + t0 + t_read) / (2 t_read))} and {@code Q_s = min(0.0088 / max(g_prog^0.65, 1e-3), 0.2)}.
 * Here {@code sqrt(s) xi} is replaced by a Brownian path {@code B(s)} with {@code Var B(s) = s}, generated from a
 * path key, so that {@code g(t) = max(g_drift(t) + |g_drift(t)| Q_s(g_prog) B(s(t)), 0)} has aihwkit's marginal at
 * every {@code t}, is a pure function of (path key, programmed state, t), and is continuous in {@code t}.
 *
 * <h2>Construction of the path</h2>
 * Nodes {@code s_0 < s_1 < ... < s_N} are spaced evenly ({@code ds}) from {@code s_0 = s(0)} to
 * {@code s_N = s(100 years)}, {@code N = 2^LEVELS}; beyond {@code s_N} the grid continues with the same spacing.
 * <ol>
 *   <li>{@code B(s_0) = sqrt(s_0) Z_root}, {@code B(s_N) = B(s_0) + sqrt(s_N - s_0) Z_top}.</li>
 *   <li>Lévy's midpoint construction: for a dyadic interval {@code [l, h]} with known end values, the midpoint
 *       {@code m} gets {@code B(s_m) = ((s_h - s_m) B(s_l) + (s_m - s_l) B(s_h)) / (s_h - s_l)
 *       + sqrt((s_m - s_l)(s_h - s_m) / (s_h - s_l)) Z_m}. This is the exact conditional law of a Brownian motion
 *       given its values at {@code s_l} and {@code s_h} (Lévy; see Karatzas &amp; Shreve, Brownian Motion and
 *       Stochastic Calculus, §2.3), so the node values have exactly the covariance {@code min(s_a, s_b)}; in
 *       particular {@code Var B(s_n) = s_n} and {@code Cov(B(s_n), B(s_{n+1})) = s_n}. Reaching one interval costs
 *       {@code LEVELS} draws, not {@code N}.</li>
 *   <li>Beyond {@code s_N}: {@code B(s_{n+1}) = B(s_n) + sqrt(ds) Z_{n+1}}, independent increments.</li>
 *   <li>Between nodes {@code s_n <= s <= s_{n+1}}, with {@code lambda = (s - s_n) / ds}:
 *       {@code B(s) = (1 - lambda) B(s_n) + lambda B(s_{n+1}) + sqrt(lambda (1 - lambda) ds) Zb_n}.</li>
 * </ol>
 * Every {@code Z} is an independent standard normal array over all devices, keyed by (path key, node index), so
 * the value at a node never depends on which {@code t} asked for it: the same {@code t} gives the same value and
 * the path is continuous (each term is continuous in {@code s}, and at the nodes the bridge term vanishes).
 * <p>
 * <b>Variance at every t.</b> With {@code Var B(s_n) = s_n}, {@code Var B(s_{n+1}) = s_n + ds} and covariance
 * {@code s_n}: {@code Var[(1-lambda) B(s_n) + lambda B(s_{n+1})] = (1-lambda)^2 s_n + lambda^2 (s_n + ds)
 * + 2 lambda (1-lambda) s_n = s_n + lambda^2 ds}; the independent bridge term adds {@code lambda (1-lambda) ds};
 * the sum is {@code s_n + lambda ds = s}. Hence {@code B(s(t)) ~ N(0, s(t))} exactly, aihwkit's marginal. (Between
 * nodes the covariance of two times in one interval is not exactly Brownian; the marginals are.)
 * <p>
 * <b>Cost.</b> {@code LEVELS + 3} native Gaussian draws over all devices for {@code t} up to 100 years, plus one per
 * {@code ds} beyond; no per-device Java loop.
 */
public final class OneOverFNoise {
    /** Number of dyadic levels of the node grid: {@code N = 2^LEVELS} intervals up to {@link #GRID_END_SECONDS}. */
    public static final int LEVELS = 6;
    /** Time (seconds since programming) of the last dyadic node: 100 years of 365.25 days. */
    public static final double GRID_END_SECONDS = 100 * 365.25 * 86400;

    private static final int NODES = 1 << LEVELS;
    private static final long ROOT = -1;
    private static final long BRIDGE = -2;

    private OneOverFNoise() {
    }

    /**
     * The conductance at time {@code t} with accumulated 1/f noise along the device's path.
     *
     * @param gDrifted    conductances after drift {@code g_drift(t)}, any shape, units of {@code gMax}
     * @param gProgrammed programmed conductances {@code g_prog} (they set {@code Q_s}), same shape
     * @param seconds     time since programming, finite and >= 0
     * @param physics     the device physics ({@code Q_s}, {@code t0}, {@code t_read})
     * @param pathKey     KeyedRandom key of this array's noise path (fixed per chip, layer and device array)
     * @return {@code max(g_drift + |g_drift| Q_s(g_prog) B(s(t)), 0)}, same shape and data type as {@code gDrifted}
     * @throws IllegalArgumentException if {@code seconds} is negative, NaN or infinite, or the shapes differ
     */
    public static INDArray sample(INDArray gDrifted, INDArray gProgrammed, double seconds,
                                  ProgrammedDevicePhysics physics, long pathKey) {
        Objects.requireNonNull(physics, "physics");
        if (!gDrifted.equalShapes(gProgrammed)) {
            throw new IllegalArgumentException("drifted and programmed conductances must have one shape, got "
                    + java.util.Arrays.toString(gDrifted.shape()) + " and "
                    + java.util.Arrays.toString(gProgrammed.shape()));
        }
        INDArray b = path(pathKey, seconds, physics, gDrifted.dataType(), gDrifted.shape());
        INDArray q = PairMapping.castLike(physics.oneOverFAmplitude(gProgrammed), gDrifted);
        INDArray noisy = b.muli(q).muli(Transforms.abs(gDrifted, true)).addi(gDrifted);
        return Transforms.max(noisy, 0.0, false);
    }

    /**
     * {@code s(t) = ln((t + t0 + t_read) / (2 t_read))}, the accumulated-noise variable of aihwkit's PCM model.
     *
     * @param seconds  time since programming, finite and >= 0
     * @param t0       drift reference time in seconds, > 0
     * @param readTime read duration {@code t_read} in seconds, > 0
     * @return {@code s(t)} (dimensionless)
     * @throws IllegalArgumentException on a negative, NaN or infinite time or a non-positive {@code t0}/{@code t_read}
     */
    public static double noiseTime(double seconds, double t0, double readTime) {
        Times.requireTimeSinceProgramming(seconds);
        Times.requirePositive("drift reference time t0", t0);
        Times.requirePositive("read time t_read", readTime);
        return Math.log((seconds + t0 + readTime) / (2 * readTime));
    }

    /**
     * The Brownian path {@code B(s(t))} itself (see the class comment): one independent path per element, with
     * {@code Var B = s(t)}, a pure function of (pathKey, shape, t).
     *
     * @param pathKey KeyedRandom key of the path
     * @param seconds time since programming, finite and >= 0
     * @param physics gives {@code t0} and {@code t_read}
     * @param type    floating-point data type of the result
     * @param shape   shape of the device array
     * @return {@code B(s(t))}, of the given shape and type (dimensionless)
     * @throws IllegalArgumentException if {@code seconds} is negative, NaN or infinite
     */
    public static INDArray path(long pathKey, double seconds, ProgrammedDevicePhysics physics, DataType type,
                                long... shape) {
        double t0 = physics.driftReferenceTime();
        double tRead = physics.readTime();
        double s = noiseTime(seconds, t0, tRead);
        double s0 = noiseTime(0.0, t0, tRead);
        double sTop = noiseTime(GRID_END_SECONDS, t0, tRead);
        double ds = (sTop - s0) / NODES;

        INDArray lowValue = z(pathKey, ROOT, type, shape).muli(Math.sqrt(s0));
        long low;
        INDArray highValue;
        double sLow;
        double sHigh;
        long n = (long) Math.floor((s - s0) / ds);
        if (n < NODES) {
            n = Math.max(n, 0);
            // dyadic descent from [0, N] to [n, n + 1]
            highValue = z(pathKey, NODES, type, shape).muli(Math.sqrt(sTop - s0)).addi(lowValue);
            low = 0;
            long high = NODES;
            while (high - low > 1) {
                long mid = (low + high) >>> 1;
                double sl = s0 + low * ds;
                double sm = s0 + mid * ds;
                double sh = s0 + high * ds;
                INDArray midValue = lowValue.mul((sh - sm) / (sh - sl))
                        .addi(highValue.mul((sm - sl) / (sh - sl)))
                        .addi(z(pathKey, mid, type, shape).muli(Math.sqrt((sm - sl) * (sh - sm) / (sh - sl))));
                if (n < mid) {
                    high = mid;
                    highValue = midValue;
                } else {
                    low = mid;
                    lowValue = midValue;
                }
            }
        } else {
            // value at the last dyadic node, then independent increments of variance ds
            lowValue = z(pathKey, NODES, type, shape).muli(Math.sqrt(sTop - s0)).addi(lowValue);
            low = NODES;
            while (low < n) {
                low++;
                lowValue.addi(z(pathKey, low, type, shape).muli(Math.sqrt(ds)));
            }
            highValue = z(pathKey, low + 1, type, shape).muli(Math.sqrt(ds)).addi(lowValue);
        }
        sLow = s0 + low * ds;
        sHigh = sLow + ds;
        double lambda = Math.min(Math.max((s - sLow) / ds, 0.0), 1.0);
        double bridgeStd = Math.sqrt(lambda * (1 - lambda) * ds);
        INDArray value = lowValue.muli(1 - lambda).addi(highValue.muli(lambda));
        if (bridgeStd > 0) {
            value.addi(z(KeyedRandom.key(pathKey, BRIDGE), low, type, shape).muli(bridgeStd));
        }
        return value;
    }

    private static INDArray z(long pathKey, long node, DataType type, long[] shape) {
        return KeyedRandom.gaussian(KeyedRandom.key(pathKey, node), type, shape);
    }
}
