package org.dl4jmortal.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.dl4jmortal.probe.tap.NetworkTappedModel;
import org.dl4jmortal.probe.tap.TapReadModel;
import org.dl4jmortal.probe.tap.TapReader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TapReadModelTest extends BaseDL4JTest {

    @Test
    void adcRoundsToTheNearestOfTwoToTheBMinusOneLevelsAndClips() {
        // 3 bits over [-3, 3]: 2^3 - 2 = 6 steps of 1, levels -3..3
        TapReadModel adc = TapReadModel.builder().adc(3, 3.0).build();
        assertEquals(1.0, adc.adcStep(), 0.0);
        INDArray x = Nd4j.create(new double[][]{{0.4, 0.6, -0.6, 2.4, 2.6, 10.0, -10.0, 1.5}});
        assertArrayEquals(new double[]{0, 1, -1, 2, 3, 3, -3, 2}, adc.apply(x, 1, "t", 0).toDoubleVector(), 0.0);
        // 9 bits over [-12, 12] (DESIGN.md §3 output ADC): step 24/510
        assertEquals(24.0 / 510, TapReadModel.builder().adc(9, 12).build().adcStep(), 1e-15);
    }

    @Test
    void offChangesNothing() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertSame(x, TapReadModel.OFF.apply(x, 1, "t", 0));
    }

    @Test
    void noiseHasTheStatedStdAndDependsOnlyOnSeedTapAndRow() {
        TapReadModel noise = TapReadModel.builder().noiseStd(0.2).build();
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, 400, 50);
        INDArray y = noise.apply(zeros, 7, "h.post", 0);
        // 20,000 N(0, 0.04) draws: sample std within 3% (the std error of a sample std is 0.5% here), mean within 4 sigma
        double std = y.stdNumber().doubleValue();
        assertEquals(0.2, std, 0.2 * 0.03);
        assertEquals(0.0, y.meanNumber().doubleValue(), 4 * 0.2 / Math.sqrt(20000));
        // rows 100..149 read on their own equal the same rows of the big read
        INDArray part = noise.apply(Nd4j.zeros(DataType.FLOAT, 50, 50), 7, "h.post", 100);
        assertEquals(y.get(NDArrayIndex.interval(100, 150), NDArrayIndex.all()), part);
        assertNotEquals(y, noise.apply(zeros, 8, "h.post", 0));
        assertNotEquals(y, noise.apply(zeros, 7, "h.pre", 0));
    }

    @Test
    void invalidSettingsAreRefused() {
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
                () -> TapReadModel.builder().adc(1, 1.0).build());
        assertTrue(bits.getMessage().contains("0 (off) or 2..24"), bits.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TapReadModel.builder().adc(8, 0).build());
        assertThrows(IllegalArgumentException.class, () -> TapReadModel.builder().noiseStd(-1).build());
        assertThrows(IllegalArgumentException.class, () -> TapReadModel.builder().noiseStd(Double.NaN).build());
    }

    @Test
    void readerAppliesPerTapModelsOnTopOfAnyTappedModel() {
        NetworkTappedModel m = NetworkTappedModel.of(TestNets.mlp(6, 5, 4, 3, 1));
        TapReader reader = new TapReader(m, Map.of("hidden.post", TapReadModel.builder().adc(4, 1.0).build()), 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 6);
        INDArray exact = m.query(x, List.of("hidden.post")).tap("hidden.post");
        var r = reader.read(x, List.of("hidden.post", "0.post"), 0);
        double step = 2.0 / 14;
        double[] e = Nd4j.toFlattened(exact).toDoubleVector();
        double[] g = Nd4j.toFlattened(r.tap("hidden.post")).toDoubleVector();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Math.max(-7, Math.min(7, Math.round(e[i] / step))) * step, g[i], 1e-6);
        }
        assertEquals(m.query(x, List.of("0.post")).tap("0.post"), r.tap("0.post"));
        assertEquals(15, m.ledger().queries());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> new TapReader(m, Map.of("nope.post", TapReadModel.OFF), 1));
        assertTrue(u.getMessage().contains("valid taps"), u.getMessage());
    }
}
