package org.dl4jmortal.analog.periphery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PeripheryTest {

    private static INDArray uniform(long seed, double lo, double hi, long... shape) {
        return KeyedRandom.uniform(seed, DataType.DOUBLE, shape).muli(hi - lo).addi(lo);
    }

    private static PeripheryConfig.Builder allOff() {
        return PeripheryConfig.builder().allOff();
    }

    @Test
    void everythingOffIsThePlainProduct() {
        INDArray x = uniform(1, -3, 3, 16, 100);
        INDArray w = uniform(2, -1, 1, 100, 20);
        INDArray expected = x.mmul(w);
        assertTrue(expected.sub(new Periphery(allOff().build()).read(x, w, 5L)).amaxNumber().doubleValue() < 1e-6);
        assertTrue(expected.sub(new Periphery(allOff().tileSize(30).build()).read(x, w, 5L)).amaxNumber().doubleValue() < 1e-6);
        assertEquals(expected, new Periphery(PeripheryConfig.builder().build()).readNoiseFree(x, w));
        assertTrue(expected.equalsWithEps(new Periphery(allOff().noiseManagement(true).build()).read(x, w, 5L), 1e-6));
    }

    /**
     * Short-term read noise: y_i - (xW)_i ~ N(0, (sigma_w sqrt(sum_j |w_ji| x_j^2))^2) per output column, over
     * 4000 reads of one row (batch rows draw independent noise); with noise management the scale alpha cancels.
     * Tolerance on each column's variance ratio: 4 sqrt(2 / (n - 1)).
     */
    @Test
    void readNoiseStdIsSigmaTimesRootOfAbsWTimesXSquared() {
        int n = 4000;
        double sigma = 0.1;
        INDArray row = uniform(3, -2, 2, 1, 50);
        INDArray w = uniform(4, -1, 1, 50, 8);
        INDArray x = Nd4j.repeat(row, n).reshape(n, 50);
        INDArray y = new Periphery(allOff().readNoise(sigma).noiseManagement(true).build()).read(x, w, 17L);
        double[] xv = row.toDoubleVector();
        double[][] wv = w.toDoubleMatrix();
        double[][] yv = y.toDoubleMatrix();
        for (int j = 0; j < 8; j++) {
            double mean = 0;
            double spread = 0;
            for (int i = 0; i < 50; i++) {
                mean += xv[i] * wv[i][j];
                spread += Math.abs(wv[i][j]) * xv[i] * xv[i];
            }
            double std = sigma * Math.sqrt(spread);
            double sumSq = 0;
            for (int b = 0; b < n; b++) {
                double z = (yv[b][j] - mean) / std;
                sumSq += z * z;
            }
            assertEquals(1.0, sumSq / n, 4 * Math.sqrt(2.0 / (n - 1)), "column " + j);
        }
    }

    /** Output noise std 0.06 in normalised units: alpha = 1 without noise management, alpha = max|x| with it. */
    @Test
    void outputNoiseStdIsInNormalisedUnits() {
        int n = 4000;
        INDArray row = uniform(5, -2.5, 2.5, 1, 30);
        row.putScalar(0, 7, 2.5);
        INDArray x = Nd4j.repeat(row, n).reshape(n, 30);
        INDArray w = uniform(6, -1, 1, 30, 10);
        INDArray exact = x.mmul(w);
        double off = residualStd(new Periphery(allOff().outputNoise(0.06).build()).read(x, w, 1L), exact);
        double on = residualStd(new Periphery(allOff().outputNoise(0.06).noiseManagement(true).build()).read(x, w, 1L), exact);
        int m = n * 10;
        assertEquals(0.06, off, 4 * 0.06 / Math.sqrt(2.0 * (m - 1)));
        assertEquals(0.06 * 2.5, on, 4 * 0.15 / Math.sqrt(2.0 * (m - 1)));
    }

    private static double residualStd(INDArray y, INDArray exact) {
        INDArray r = y.sub(exact);
        return Math.sqrt(r.mul(r).meanNumber().doubleValue());
    }

    /** Noise management: the row is scaled by its abs-max before the DAC, so scaling a row scales its output. */
    @Test
    void scalingARowByAThousandScalesItsOutputWithEveryNonIdealityOn() {
        Periphery p = new Periphery(PeripheryConfig.builder().build());
        INDArray x = uniform(7, -1, 1, 3, 40);
        INDArray w = uniform(8, -1, 1, 40, 12);
        INDArray scaled = x.dup();
        scaled.getRow(1).muli(1000);
        INDArray a = p.read(x, w, 99L);
        INDArray b = p.read(scaled, w, 99L);
        INDArray expected = a.getRow(1).mul(1000);
        assertTrue(expected.equalsWithEps(b.getRow(1), 1e-9 * expected.amaxNumber().doubleValue()),
                expected + " vs " + b.getRow(1));
        assertEquals(a.getRow(0), b.getRow(0));
        INDArray exact = x.getRow(1, true).mmul(w).getRow(0);
        assertTrue(a.getRow(1).sub(exact).amaxNumber().doubleValue() > 1e-6, "noise and quantization are on");
    }

    @Test
    void zeroRowGivesExactlyZeroOutput() {
        Periphery p = new Periphery(PeripheryConfig.builder().build());
        INDArray x = uniform(9, -1, 1, 3, 20);
        x.getRow(0).assign(0);
        x.getRow(2).assign(0);
        x.getRow(2).putScalar(4, 1e-320);
        INDArray y = p.read(x, uniform(10, -1, 1, 20, 6), 3L);
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 6), y.getRow(0));
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 6), y.getRow(2), "a denormal abs-max is never divided by");
        assertTrue(y.getRow(1).amaxNumber().doubleValue() > 0);
    }

    /**
     * Bound management: W = 1 everywhere, x = 1 on 64 inputs gives 64 per output, beyond the ADC bound 12. Rounds
     * 1 and 2 (inputs 1/2 and DAC(1/4) = 16/63: 16.25) still saturate; round 3 feeds DAC(1/8) = round(63/8)/63 =
     * 8/63, reads 64 * 8/63 = 8.127 (unsaturated), the 9-bit ADC (step 24/510) returns 173 steps, times alpha 8.
     * Without bound management the output is clipped at 12; with two rounds at 4 x 12 = 48.
     */
    @Test
    void saturatedRowIsReReadUntilUnsaturated() {
        INDArray w = Nd4j.ones(DataType.DOUBLE, 64, 4);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 2, 64);
        for (int j = 0; j < 64; j += 2) {
            x.putScalar(1, j, -1.0);
        }
        PeripheryConfig.Builder quiet = PeripheryConfig.builder().readNoise(0).outputNoise(0);
        Periphery p = new Periphery(quiet.build());
        INDArray y = p.read(x, w, 1L);
        double dac = Math.rint(63 / 8.0) / 63;
        double adcStep = 24.0 / 510;
        double expected = 8 * adcStep * Math.rint(64 * dac / adcStep);
        assertEquals(65.129, expected, 1e-3);
        assertArrayEquals(new double[]{expected, expected, expected, expected}, y.getRow(0).toDoubleVector(), 1e-9);
        assertArrayEquals(new double[]{0, 0, 0, 0}, y.getRow(1).toDoubleVector(), 1e-9);
        assertEquals(3, p.lastReadRounds());
        assertEquals(3, p.lastRereadRows());
        assertArrayEquals(new double[]{12, 12, 12, 12}, new Periphery(quiet.boundManagement(false).build())
                .read(x, w, 1L).getRow(0).toDoubleVector(), 1e-9);
        assertArrayEquals(new double[]{48, 48, 48, 48}, new Periphery(quiet.boundManagement(true)
                .maxBoundManagementRounds(2).build()).read(x, w, 1L).getRow(0).toDoubleVector(), 1e-9);
        INDArray noisy = new Periphery(PeripheryConfig.builder().build()).read(x, w, 1L);
        assertTrue(noisy.getRow(0).sub(expected).amaxNumber().doubleValue() < 3, noisy.toString());
    }

    /**
     * A row's result never depends on its batch-mates nor on the batch size (same row index, same key), also when a
     * large batch is processed in parallel.
     */
    @Test
    void rowResultIsIndependentOfBatchMates() {
        Periphery p = new Periphery(PeripheryConfig.builder().build());
        INDArray w = uniform(11, 0.5, 1, 64, 8);
        INDArray a = uniform(12, -1, 1, 6, 64);
        INDArray b = uniform(13, 0.2, 1, 6, 64);
        INDArray c = Nd4j.zeros(DataType.DOUBLE, 6, 64);
        INDArray row = uniform(14, 0.6, 1, 1, 64);
        a.putRow(2, row);
        b.putRow(2, row);
        c.putRow(2, row);
        INDArray ya = p.read(a, w, 42L);
        long rereadA = p.lastRereadRows();
        INDArray yb = p.read(b, w, 42L);
        long rereadB = p.lastRereadRows();
        INDArray yc = p.read(c, w, 42L);
        assertEquals(ya.getRow(2), yb.getRow(2));
        assertEquals(ya.getRow(2), yc.getRow(2));
        assertTrue(p.lastReadRounds() > 0, "the tested row saturates");
        assertNotEquals(rereadA, rereadB, "the batch-mates saturate differently");
        INDArray large = uniform(23, -1, 1, 700, 64);
        large.putRow(2, row);
        assertEquals(ya.getRow(2), p.read(large, w, 42L).getRow(2));
        assertEquals(ya.getRow(2), p.read(c.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()), w, 42L).getRow(2));
    }

    /** Tiles: 1100 inputs with tile size 512 equal three separate single-tile reads summed digitally. */
    @Test
    void tilesHaveTheirOwnConvertersAndSumDigitally() {
        PeripheryConfig.Builder b = PeripheryConfig.builder().readNoise(0).outputNoise(0).outputBits(6);
        INDArray x = uniform(15, -1, 1, 5, 1100);
        x.get(NDArrayIndex.all(), NDArrayIndex.interval(512, 1024)).muli(0.01);
        INDArray w = uniform(16, -1, 1, 1100, 7);
        INDArray tiled = new Periphery(b.tileSize(512).build()).read(x, w, 8L);
        Periphery single = new Periphery(b.tileSize(1024).build());
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, 5, 7);
        long[][] tiles = {{0, 512}, {512, 1024}, {1024, 1100}};
        for (long[] t : tiles) {
            sum.addi(single.read(x.get(NDArrayIndex.all(), NDArrayIndex.interval(t[0], t[1])),
                    w.get(NDArrayIndex.interval(t[0], t[1]), NDArrayIndex.all()), 8L));
        }
        assertTrue(sum.equalsWithEps(tiled, 1e-12));
        INDArray untiled = new Periphery(b.tileSize(2048).build()).read(x, w, 8L);
        assertTrue(untiled.sub(tiled).amaxNumber().doubleValue() > 1e-3, "one converter for all gives another result");
    }

    /** An ADC of b bits yields at most 2^b distinct output levels (in fact 2^b - 1), all on its grid. */
    @Test
    void adcOfFourBitsYieldsAtMostSixteenLevels() {
        Periphery p = new Periphery(allOff().outputQuantization(true).outputBits(4).outputBound(12).build());
        INDArray y = p.read(uniform(17, -1, 1, 500, 200), uniform(18, -1, 1, 200, 20), 1L);
        Set<Double> levels = new HashSet<>();
        double step = 24.0 / 14;
        for (double v : y.data().asDouble()) {
            levels.add(v);
            assertEquals(Math.rint(v / step), v / step, 1e-9);
        }
        assertTrue(levels.size() <= 16, "levels " + levels.size());
        assertTrue(levels.size() > 3);
    }

    @Test
    void floatInputGivesFloatOutput() {
        Periphery p = new Periphery(PeripheryConfig.builder().build());
        INDArray y = p.read(uniform(19, -1, 1, 4, 10).castTo(DataType.FLOAT), uniform(20, -1, 1, 10, 3), 1L);
        assertEquals(DataType.FLOAT, y.dataType());
    }

    @Test
    void nonFiniteInputIsRejectedNamingTheFirstBadIndex() {
        Periphery p = new Periphery(PeripheryConfig.builder().build());
        INDArray w = uniform(21, -1, 1, 10, 3);
        INDArray x = uniform(22, -1, 1, 4, 10);
        x.putScalar(2, 5, Double.NaN);
        x.putScalar(3, 1, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.read(x, w, 1L));
        assertTrue(e.getMessage().contains("NaN at (row 2, column 5)"), e.getMessage());
        INDArray inf = uniform(22, -1, 1, 4, 10);
        inf.putScalar(0, 3, Double.NEGATIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> p.read(inf, w, 1L));
        assertTrue(e.getMessage().contains("-Infinity at (row 0, column 3)"), e.getMessage());
    }

    @Test
    void wrongNumberOfFeaturesIsRejected() {
        Periphery p = new Periphery(PeripheryConfig.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.read(Nd4j.ones(DataType.DOUBLE, 2, 9), Nd4j.ones(DataType.DOUBLE, 10, 3), 1L));
        assertTrue(e.getMessage().contains("[batch, 10]") && e.getMessage().contains("[2, 9]"), e.getMessage());
    }

    @Test
    void configRoundTripsThroughParameterSetAndHasPublishedDefaults() {
        PeripheryConfig d = PeripheryConfig.builder().build();
        assertEquals(7, d.inputBits());
        assertEquals(1.0, d.inputBound());
        assertEquals(9, d.outputBits());
        assertEquals(12.0, d.outputBound());
        assertEquals(0.06, d.outputNoise());
        assertEquals(0.0175, d.readNoise());
        assertEquals(10, d.maxBoundManagementRounds());
        assertEquals(512, d.tileSize());
        assertTrue(d.inputQuantization() && d.outputQuantization() && d.noiseManagement() && d.boundManagement()
                && d.driftCompensation());
        assertEquals(d, PeripheryConfig.from(PeripheryConfig.defaults()));
        PeripheryConfig c = d.toBuilder().outputBits(8).readNoise(0).tileSize(256).build();
        assertEquals(c, PeripheryConfig.from(c.toParameterSet()));
        assertEquals(c.hashCode(), PeripheryConfig.from(c.toParameterSet()).hashCode());
        assertNotEquals(d, c);
    }
}
