package org.dl4jmortal.analog.physics.pulsed;

import java.util.SplittableRandom;
import org.dl4jmortal.analog.host.HostArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Gaussian cycle-to-cycle term of a pulse train: {@code std_ij xi_ij} with independent standard normals
 * {@code xi_ij}, drawn only for the devices whose {@code std_ij} is not 0 (those that received a pulse). Devices
 * without a pulse get exactly 0 and cost no draw, so an update that reaches a few rows (a Tiki-Taka transfer, a
 * sparse mini-batch) pays for those rows only. The normals come from one {@link SplittableRandom} stream seeded
 * with the key and taken in row-major order, so the result is a pure function of (key, {@code std}). Pure
 * function; the argument is not modified.
 */
public final class CycleToCycleNoise {
    private CycleToCycleNoise() {
    }

    /**
     * @param std standard deviation of each device's noise {@code [rows, columns]}, device units, {@code >= 0}
     * @param key a {@link org.dl4jmortal.spi.random.KeyedRandom} key of this train's noise
     * @return {@code std ⊙ xi}, same shape and data type as {@code std} (0 where {@code std} is 0)
     */
    public static INDArray scaled(INDArray std, long key) {
        double[] s = HostArrays.toDoubles(std);
        SplittableRandom random = new SplittableRandom(key);
        for (int i = 0; i < s.length; i++) {
            if (s[i] != 0) {
                s[i] *= random.nextGaussian();
            }
        }
        return HostArrays.fromDoubles(s, std.rows(), std.columns(), std.dataType());
    }
}
