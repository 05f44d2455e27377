package org.dl4jmortal.analog.physics.pulsed;

import java.util.SplittableRandom;
import org.dl4jmortal.analog.host.HostArrays;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Gaussian cycle-to-cycle term of a pulse train: {@code std_ij xi_ij} with independent standard normals
 * {@code xi_ij}, drawn only for the devices whose {@code std_ij} is not 0 (those that received a pulse). Devices
 * without a pulse get exactly 0 and cost no draw, so an update that reaches a few rows (a Tiki-Taka transfer, a
 * sparse mini-batch) pays for those rows only. Each row's normals come from its own {@link SplittableRandom} stream
 * keyed by (key, row) and taken in column order, so the result is a pure function of (key, {@code std}) and rows
 * can be drawn in parallel. Pure function; the argument is not modified.
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
        int rows = Math.toIntExact(std.rows());
        int columns = Math.toIntExact(std.columns());
        HostArrays.forEachRow(rows, columns, r -> {
            SplittableRandom random = rowStream(key, r);
            for (int i = r * columns, end = i + columns; i < end; i++) {
                if (s[i] != 0) {
                    s[i] *= random.nextGaussian();
                }
            }
        });
        return HostArrays.fromDoubles(s, rows, columns, std.dataType());
    }

    /**
     * @param key the train's noise key
     * @param row a row index
     * @return the stream of that row's normals, taken in column order for the devices with a non-zero std
     */
    static SplittableRandom rowStream(long key, int row) {
        return new SplittableRandom(KeyedRandom.key(key, row));
    }
}
