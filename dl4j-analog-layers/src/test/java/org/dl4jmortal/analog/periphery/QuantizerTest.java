package org.dl4jmortal.analog.periphery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class QuantizerTest {

    /**
     * A b-bit converter over [-bound, bound] has step 2 bound / (2^b - 2) and 2^b - 1 levels; a dense sweep from
     * -1.5 bound to 1.5 bound hits every level exactly once per level (so at most 2^b distinct values, in fact
     * 2^b - 1), and inside the range the error is at most half a step.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7, 9, 12})
    void levelsStepAndError(int bits) {
        double bound = 12.0;
        Quantizer q = new Quantizer(bits, bound);
        double step = 2 * bound / (Math.pow(2, bits) - 2);
        assertEquals(step, q.step(), 1e-15);
        assertEquals((1 << bits) - 1, q.levels());
        int n = 200_001;
        INDArray x = Nd4j.linspace(-1.5 * bound, 1.5 * bound, n, DataType.DOUBLE);
        double[] in = x.toDoubleVector();
        double[] out = q.quantize(x).toDoubleVector();
        Set<Double> levels = new HashSet<>();
        for (int i = 0; i < n; i++) {
            levels.add(out[i] + 0.0); // -0.0 and 0.0 are one level
            assertTrue(Math.abs(out[i]) <= bound + 1e-12, "clipped to the range");
            double k = out[i] / step;
            assertEquals(Math.rint(k), k, 1e-9, "on the grid");
            if (Math.abs(in[i]) <= bound) {
                assertTrue(Math.abs(out[i] - in[i]) <= step / 2 + 1e-12, "error <= step/2");
            }
        }
        assertTrue(levels.size() <= Math.pow(2, bits));
        assertEquals((1 << bits) - 1, levels.size());
        assertEquals(-bound, q.quantize(Nd4j.create(new double[]{-100})).getDouble(0), 1e-12);
        assertEquals(-1.5 * bound, x.getDouble(0), 0.0, "input unchanged");
    }

    @Test
    void sevenBitDacOverUnitRangeHasStepOneOverSixtyThree() {
        Quantizer q = new Quantizer(7, 1.0);
        assertEquals(1.0 / 63, q.step(), 1e-15);
        assertEquals(5.0 / 63, q.quantize(Nd4j.create(new double[]{0.08})).getDouble(0), 1e-15);
    }

    @Test
    void bitsOutsideTwoToTwentyFourAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Quantizer(1, 1.0));
        assertTrue(e.getMessage().contains("bits=1") && e.getMessage().contains("[2, 24]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Quantizer(25, 1.0));
        assertTrue(e.getMessage().contains("bits=25") && e.getMessage().contains("[2, 24]"), e.getMessage());
    }

    @Test
    void nonPositiveOrNonFiniteBoundIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Quantizer(8, 0.0));
        assertTrue(e.getMessage().contains("bound=0.0") && e.getMessage().contains("> 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(8, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(8, Double.POSITIVE_INFINITY));
    }

    @Test
    void peripheryConfigRejectsBitsOutOfRangeNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeripheryConfig.builder().outputBits(1));
        assertTrue(e.getMessage().contains("outputBits=1.0") && e.getMessage().contains("[2.0, 24.0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PeripheryConfig.builder().inputBits(25));
        assertTrue(e.getMessage().contains("inputBits=25.0"), e.getMessage());
    }
}
