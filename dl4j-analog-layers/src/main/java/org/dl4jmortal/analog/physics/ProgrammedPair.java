package org.dl4jmortal.analog.physics;

import java.util.Objects;
import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conductance of a programmed device array at a time since programming (DESIGN.md §3): drift
 * ({@link Drift}, if on), then accumulated 1/f noise ({@link OneOverFNoise}, if on), then stuck-at faults
 * ({@link FaultMap}): a stuck device never changes, it has no drift and no noise. Used for each half of a pair
 * ({@code g+} and {@code g-}, with different path keys).
 * <p>
 * Sources: aihwkit {@code PCMLikeNoiseModel.apply_drift_noise_to_conductance} (drift then 1/f noise);
 * Nandakumar et al., ICECS 2019.
 */
public final class ProgrammedPair {

    private ProgrammedPair() {
    }

    /**
     * @param gProgrammed programmed conductances, any shape, units of {@code gMax}
     * @param nu          drift exponents drawn at programming, same shape
     * @param faultCodes  fault codes of {@link FaultMap}, same shape, or {@code null} for no faults
     * @param seconds     time since programming, finite and >= 0
     * @param physics     the device physics
     * @param drift       apply drift
     * @param oneOverF    apply accumulated 1/f noise
     * @param pathKey     KeyedRandom key of this array's 1/f noise path
     * @return conductances at time {@code t}, a new array of {@code gProgrammed}'s shape and data type
     * @throws IllegalArgumentException if {@code seconds} is negative, NaN or infinite, or shapes differ
     */
    public static INDArray conductanceAt(INDArray gProgrammed, INDArray nu, INDArray faultCodes, double seconds,
                                         ProgrammedDevicePhysics physics, boolean drift, boolean oneOverF,
                                         long pathKey) {
        Objects.requireNonNull(gProgrammed, "gProgrammed");
        Objects.requireNonNull(physics, "physics");
        Times.requireTimeSinceProgramming(seconds);
        INDArray g = drift ? Drift.apply(gProgrammed, nu, seconds, physics.driftReferenceTime()) : gProgrammed;
        if (oneOverF) {
            g = OneOverFNoise.sample(g, gProgrammed, seconds, physics, pathKey);
        }
        if (faultCodes != null) {
            g = FaultMap.apply(g, faultCodes);
        }
        return g == gProgrammed ? gProgrammed.dup() : g;
    }
}
