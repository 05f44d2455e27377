package org.dl4jmortal.analog.physics;

import java.util.Objects;
import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Programming noise of a programmed device (DESIGN.md §3 "Programming noise"): the programmed conductance is
 * {@code g = max(gT + noiseScale * sigma_prog(gT) * xi, 0)}, {@code xi ~ N(0, 1)} independent per device.
 * <p>
 * Source: Nandakumar et al., "Phase-change memory models for deep learning training and inference", ICECS 2019,
 * as fitted in aihwkit's {@code PCMLikeNoiseModel.apply_programming_noise_to_conductance}; the device model
 * supplies {@code sigma_prog} (for PCM {@code sigma_prog/gMax = (0.26348 + 1.9650 r - 1.1731 r^2) / 25}).
 */
public final class ProgrammingNoise {

    private ProgrammingNoise() {
    }

    /**
     * Programs target conductances once, with noise.
     *
     * @param gTarget    target conductances, any shape, units of {@code gMax}, in [0, 1]
     * @param physics    the device's programmed physics (gives {@code sigma_prog})
     * @param noiseScale extra factor on {@code sigma_prog} (0 = noise-free programming), finite and >= 0
     * @param key        KeyedRandom key of this draw (for example {@code key(seed, "layer0/gPlus/programming")})
     * @return programmed conductances, same shape and data type as {@code gTarget}, >= 0
     * @throws IllegalArgumentException if {@code noiseScale} is negative or not finite
     */
    public static INDArray program(INDArray gTarget, ProgrammedDevicePhysics physics, double noiseScale, long key) {
        Objects.requireNonNull(gTarget, "gTarget");
        Objects.requireNonNull(physics, "physics");
        if (!(noiseScale >= 0) || !Double.isFinite(noiseScale)) {
            throw new IllegalArgumentException("programming noise scale must be finite and >= 0, got " + noiseScale);
        }
        if (noiseScale == 0.0) {
            return Transforms.max(gTarget, 0.0, true);
        }
        INDArray sigma = PairMapping.castLike(physics.programmingNoiseStd(gTarget), gTarget);
        INDArray xi = KeyedRandom.gaussian(key, gTarget.dataType(), gTarget.shape());
        INDArray g = xi.muli(sigma).muli(noiseScale).addi(gTarget);
        return Transforms.max(g, 0.0, false);
    }
}
