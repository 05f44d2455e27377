package org.dl4jmortal.spi.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class KeyedRandomTest {

    @Test
    void sameKeySameDrawWhateverCameBefore() {
        long k = KeyedRandom.key(42L, "layer0/read", 7);
        INDArray a = KeyedRandom.gaussian(k, DataType.DOUBLE, 1000);
        KeyedRandom.gaussian(KeyedRandom.key(1L, 2), DataType.DOUBLE, 333);
        INDArray b = KeyedRandom.gaussian(k, DataType.DOUBLE, 1000);
        assertEquals(a, b);
        assertNotEquals(a, KeyedRandom.gaussian(KeyedRandom.key(42L, "layer0/read", 8), DataType.DOUBLE, 1000));
    }

    @Test
    void gaussianMomentsWithinFourStandardErrors() {
        int n = 200_000;
        INDArray a = KeyedRandom.gaussian(KeyedRandom.key(3L), DataType.DOUBLE, n);
        double mean = a.meanNumber().doubleValue();
        double var = a.varNumber().doubleValue();
        // standard error of the mean 1/sqrt(n); of the variance sqrt(2/n)
        assertEquals(0.0, mean, 4 / Math.sqrt(n));
        assertEquals(1.0, var, 4 * Math.sqrt(2.0 / n));
    }

    @Test
    void uniformMomentsWithinFourStandardErrors() {
        int n = 200_000;
        INDArray a = KeyedRandom.uniform(KeyedRandom.key(5L), DataType.DOUBLE, n);
        assertEquals(0.5, a.meanNumber().doubleValue(), 4 * Math.sqrt(1.0 / 12 / n));
        assertEquals(true, a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() < 1);
    }

    @Test
    void keysDifferForDifferentParts() {
        assertNotEquals(KeyedRandom.key(1L, 1, 2), KeyedRandom.key(1L, 2, 1));
        assertNotEquals(KeyedRandom.key(1L, "a"), KeyedRandom.key(1L, "b"));
    }
}
