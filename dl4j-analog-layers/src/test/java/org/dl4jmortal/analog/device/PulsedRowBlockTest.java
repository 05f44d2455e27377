package org.dl4jmortal.analog.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.BaseDL4JTest;
import org.dl4jmortal.analog.physics.pulsed.CycleToCycleNoise;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Pulses applied to a block of rows ({@link PulsedDevicePhysics#applyPulsesToRows}, what a Tiki-Taka transfer uses)
 * equal the whole-array rule with zero counts outside the block, for every registered pulsed device; and the
 * cycle-to-cycle noise is drawn only where a pulse arrived, with the right law.
 */
class PulsedRowBlockTest extends BaseDL4JTest {

    /** The SPI's default implementation, whatever the rule overrides. */
    private static INDArray viaDefault(PulsedDevicePhysics ph, INDArray w, long from, INDArray up, INDArray down,
                                       PulsedDevicePhysics.DeviceArrays d) {
        PulsedDevicePhysics plain = new PulsedDevicePhysics() {
            @Override
            public DeviceArrays drawDevices(long rows, long columns, long key) {
                return ph.drawDevices(rows, columns, key);
            }

            @Override
            public INDArray applyPulses(INDArray s, INDArray u, INDArray dn, DeviceArrays a, long key) {
                return ph.applyPulses(s, u, dn, a, key);
            }

            @Override
            public INDArray clip(INDArray s, DeviceArrays a) {
                return ph.clip(s, a);
            }

            @Override
            public double dwMin() {
                return ph.dwMin();
            }

            @Override
            public double wMin() {
                return ph.wMin();
            }

            @Override
            public double wMax() {
                return ph.wMax();
            }
        };
        return plain.applyPulsesToRows(w, from, up, down, d, 7L);
    }

    @Test
    void aBlockOfRowsMovesAsTheWholeArrayWithZeroCountsElsewhere() {
        int checked = 0;
        for (DeviceModel device : PulsedTestSupport.installedPulsedDevices()) {
            String name = device.name();
            // no cycle-to-cycle noise: the block and the whole array must then agree exactly
            PulsedDevicePhysics ph = PulsedTestSupport.physics(device, java.util.Map.of("dwMinStd", 0.0));
            PulsedDevicePhysics.DeviceArrays d = ph.drawDevices(6, 5, KeyedRandom.key(2, name));
            INDArray w = ph.clip(KeyedRandom.uniform(KeyedRandom.key(3, name), DataType.DOUBLE, 6, 5).subi(0.5), d);
            INDArray up = KeyedRandom.uniform(KeyedRandom.key(4, name), DataType.DOUBLE, 2, 5).muli(20)
                    .castTo(DataType.INT32).castTo(DataType.DOUBLE);
            INDArray down = KeyedRandom.uniform(KeyedRandom.key(5, name), DataType.DOUBLE, 2, 5).muli(20)
                    .castTo(DataType.INT32).castTo(DataType.DOUBLE);
            INDArray fullUp = Nd4j.zeros(DataType.DOUBLE, 6, 5);
            INDArray fullDown = Nd4j.zeros(DataType.DOUBLE, 6, 5);
            fullUp.get(NDArrayIndex.interval(3, 5), NDArrayIndex.all()).assign(up);
            fullDown.get(NDArrayIndex.interval(3, 5), NDArrayIndex.all()).assign(down);
            INDArray whole = ph.applyPulses(w, fullUp, fullDown, d, 7L);
            INDArray expected = whole.get(NDArrayIndex.interval(3, 5), NDArrayIndex.all());
            INDArray block = ph.applyPulsesToRows(w, 3, up, down, d, 7L);
            assertEquals(0.0, block.sub(expected).amaxNumber().doubleValue(), 1e-12, name + ": rule's block");
            assertEquals(0.0, viaDefault(ph, w, 3, up, down, d).sub(expected).amaxNumber().doubleValue(), 1e-12,
                    name + ": SPI default block");
            INDArray untouched = whole.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all());
            assertEquals(0.0, untouched.sub(w.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()))
                    .amaxNumber().doubleValue(), 0.0, name + ": pulse-free rows do not move");
            assertThrows(IllegalArgumentException.class, () -> ph.applyPulsesToRows(w, 5, up, down, d, 7L),
                    name + ": a block running past the last row");
            assertThrows(IllegalArgumentException.class, () -> ph.applyPulsesToRows(w, -1, up, down, d, 7L),
                    name + ": a negative first row");
            checked++;
        }
        assertEquals(12, checked, "pulsed devices checked");
    }

    @Test
    void noiseIsDrawnOnlyWherePulsesArrivedWithTheGivenStandardDeviation() {
        int n = 20000;
        INDArray std = Nd4j.zeros(DataType.FLOAT, 2, n);
        std.getRow(0).assign(0.3);
        INDArray noise = CycleToCycleNoise.scaled(std, 11L);
        assertEquals(0.0, noise.getRow(1).amaxNumber().doubleValue(), 0.0, "no pulse, no noise");
        double mean = noise.getRow(0).meanNumber().doubleValue();
        double sd = noise.getRow(0).stdNumber().doubleValue();
        // mean of 20,000 N(0, 0.3^2): sd 0.0021, tolerance 5 sd; sample sd: relative sd 1/sqrt(2n) = 0.005, 5 sd
        assertEquals(0.0, mean, 0.0106, "mean");
        assertEquals(0.3, sd, 0.3 * 0.025, "standard deviation");
        assertEquals(noise, CycleToCycleNoise.scaled(std, 11L), "a pure function of the key");
        assertTrue(noise.sub(CycleToCycleNoise.scaled(std, 12L)).amaxNumber().doubleValue() > 0, "keys differ");
        assertEquals(DataType.FLOAT, noise.dataType());
    }
}
