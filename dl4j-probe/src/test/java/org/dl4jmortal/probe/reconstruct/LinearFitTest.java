package org.dl4jmortal.probe.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearFitTest {

    /**
     * Four rows read three times each, outputs {@code x W + (d, 0, -d)} within every group: the group means lie on
     * the plane, so the residual sum of squares is {@code 4 x 2 d^2} over {@code 12 - 2} degrees of freedom
     * ({@code 0.8 d^2}), while the spread of the repeats gives the read noise {@code 4 x 2 d^2 / (4 x 2) = d^2}.
     */
    @Test
    void repeatsGiveThePureErrorEstimateOfTheReadNoise() {
        double d = 0.3;
        double[][] distinct = {{1, 0}, {0, 1}, {1, 1}, {1, -1}};
        double[] w = {2, -1};
        double[][] x = new double[12][];
        double[][] y = new double[12][1];
        double[] offsets = {d, 0, -d};
        for (int g = 0; g < 4; g++) {
            for (int r = 0; r < 3; r++) {
                x[3 * g + r] = distinct[g];
                y[3 * g + r][0] = distinct[g][0] * w[0] + distinct[g][1] * w[1] + offsets[r];
            }
        }
        INDArray xs = Nd4j.create(x);
        INDArray ys = Nd4j.create(y);
        LinearFit plain = new LinearFit(2, 1, false);
        plain.add(xs, ys, null, null, null, 1);
        assertEquals(0.8 * d * d, plain.solve(0).residualVariance()[0], 1e-12);
        LinearFit repeated = new LinearFit(2, 1, false);
        repeated.add(xs, ys, null, null, null, 1);
        repeated.addRepeats(ys, 3, null);
        LinearFit.Solution s = repeated.solve(0);
        assertEquals(d * d, s.residualVariance()[0], 1e-12);
        assertEquals(2.0, s.weights().getDouble(0, 0), 1e-12);
        assertEquals(-1.0, s.weights().getDouble(1, 0), 1e-12);
    }
}
