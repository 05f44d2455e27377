package org.dl4jmortal.analog.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PairMappingTest {
    private static final double[][] W = {{0.5, -2.0, 0.0}, {-1.0, 1.0, 0.0}, {0.25, 0.5, 0.0}};

    @Test
    void columnScaleIsAbsMaxPerColumnAndZeroColumnGetsOne() {
        INDArray w = Nd4j.create(W);
        INDArray scale = PairMapping.columnScale(w);
        assertArrayEquals(new long[]{1, 3}, scale.shape());
        assertArrayEquals(new double[]{1.0, 2.0, 1.0}, scale.toDoubleVector(), 0.0);
        assertEquals(DataType.DOUBLE, scale.dataType());
        assertEquals(Nd4j.create(W), w, "input unchanged");
    }

    @Test
    void layerScaleIsGlobalAbsMax() {
        assertArrayEquals(new double[]{2.0, 2.0, 2.0}, PairMapping.layerScale(Nd4j.create(W)).toDoubleVector(), 0.0);
        assertArrayEquals(new double[]{1.0, 1.0}, PairMapping.layerScale(Nd4j.zeros(DataType.DOUBLE, 4, 2))
                .toDoubleVector(), 0.0);
    }

    @Test
    void targetsSplitBySignAndWeightsRoundTrip() {
        INDArray w = Nd4j.create(W);
        INDArray scale = PairMapping.columnScale(w);
        INDArray[] g = PairMapping.targets(w, scale);
        double[][] plus = g[0].toDoubleMatrix();
        double[][] minus = g[1].toDoubleMatrix();
        double[] s = {1.0, 2.0, 1.0};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double r = W[i][j] / s[j];
                assertEquals(Math.max(r, 0), plus[i][j], 1e-15);
                assertEquals(Math.max(-r, 0), minus[i][j], 1e-15);
                assertTrue(plus[i][j] == 0 || minus[i][j] == 0, "one device of a pair is at zero");
            }
        }
        assertEquals(w, PairMapping.weights(g[0], g[1], scale));
    }

    @Test
    void targetsAreClippedToOne() {
        INDArray w = Nd4j.create(new double[][]{{3.0, -3.0}});
        INDArray[] g = PairMapping.targets(w, Nd4j.create(new double[][]{{1.0, 1.0}}));
        assertArrayEquals(new double[]{1.0, 0.0}, g[0].toDoubleVector(), 0.0);
        assertArrayEquals(new double[]{0.0, 1.0}, g[1].toDoubleVector(), 0.0);
    }

    @Test
    void badScaleIsRejected() {
        INDArray w = Nd4j.create(W);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairMapping.targets(w, Nd4j.create(new double[][]{{1.0, 0.0, 1.0}})));
        assertTrue(e.getMessage().contains("> 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PairMapping.targets(w, Nd4j.ones(DataType.DOUBLE, 1, 2)));
        assertTrue(e.getMessage().contains("[1, 3]"), e.getMessage());
    }
}
