package org.dl4jmortal.spi.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's loss-function conventions around an OutputLoss: sums, averages, masks, per-row gradients. */
class OutputLossFunctionTest {

    /** L = 1/2 sum_j (z_j - t_j)^2 per row; dL/dz = z - t. */
    private static final OutputLoss HALF_SQUARED = new OutputLoss() {
        @Override
        public int targetWidth(int outputWidth) {
            return outputWidth;
        }

        @Override
        public INDArray rowLosses(INDArray logits, INDArray targets) {
            INDArray d = logits.sub(targets);
            return d.mul(d).sum(true, 1).muli(0.5);
        }

        @Override
        public INDArray gradient(INDArray logits, INDArray targets) {
            return logits.sub(targets);
        }
    };

    @Test
    void scoresSumOrAverageRowsAndMasksDropRows() {
        OutputLossFunction f = new OutputLossFunction(HALF_SQUARED);
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 2}, {0, 0}, {3, 0}});
        INDArray t = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 1}, {0, 0}});
        // row losses: 2.5, 0.5, 4.5
        assertEquals(7.5, f.computeScore(t, z, null, null, false), 1e-12);
        assertEquals(2.5, f.computeScore(t, z, null, null, true), 1e-12);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}});
        assertEquals(7.0, f.computeScore(t, z, null, mask, false), 1e-12);
        assertArrayEquals(new double[] {1, 2, 0, 0, 3, 0}, f.computeGradient(t, z, null, mask).castTo(DataType.DOUBLE)
                .data().asDouble(), 1e-12);
        assertEquals(7.5, f.computeGradientAndScore(t, z, null, null, false).getFirst(), 1e-12);
    }
}
