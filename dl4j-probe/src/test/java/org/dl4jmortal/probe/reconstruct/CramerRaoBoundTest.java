package org.dl4jmortal.probe.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dl4jmortal.spi.random.KeyedRandom;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DESIGN.md §4: on a synthetic linear layer with known Gaussian noise, the least-squares error must equal the
 * Cramér–Rao bound {@code sigma_j^2 tr (X^T X)^-1}: the root of the mean squared error over trials divided by the mean
 * squared bound is 1 within 0.05 (200 trials x 96 weights: its standard error is about sqrt(1 / (2 * 19200)) = 0.5%).
 */
class CramerRaoBoundTest {

    private static double ratio(ReconstructionRequest.Design design) {
        INDArray w = KeyedRandom.gaussian(KeyedRandom.key(1, "w"), DataType.DOUBLE, 12, 8);
        double[] sigma = {0.05, 0.1, 0.2, 0.4, 0.05, 0.1, 0.2, 0.4};
        double err2 = 0;
        double bound2 = 0;
        for (int trial = 0; trial < 200; trial++) {
            SyntheticLinearModel model = new SyntheticLinearModel(w, sigma, KeyedRandom.key(7, trial));
            ReconstructionRequest req = ReconstructionRequest.builder().budget(64).seed(trial).design(design)
                    .noiseModel(model.noise()).build();
            LayerReconstruction l = new LeastSquaresReconstructor().reconstruct(model, req).layers().get(0);
            double norm = l.weights().norm2Number().doubleValue();
            double e = l.weights().castTo(DataType.DOUBLE).sub(w).norm2Number().doubleValue();
            err2 += e * e;
            bound2 += Math.pow(l.crlbRelError() * norm, 2);
        }
        return Math.sqrt(err2 / bound2);
    }

    @Test
    void rademacherErrorMeetsTheBound() {
        assertEquals(1.0, ratio(ReconstructionRequest.Design.RADEMACHER), 0.05);
    }

    @Test
    void hadamardErrorMeetsTheBound() {
        // two full Hadamard blocks of order 16: X^T X = 64 I exactly, bound = sigma_j^2 * 12 / 64 per column
        assertEquals(1.0, ratio(ReconstructionRequest.Design.HADAMARD), 0.05);
    }

    @Test
    void hadamardBoundHasTheClosedForm() {
        INDArray w = KeyedRandom.gaussian(KeyedRandom.key(2, "w"), DataType.DOUBLE, 12, 4);
        double[] sigma = {0.05, 0.1, 0.2, 0.4};
        SyntheticLinearModel model = new SyntheticLinearModel(w, sigma, 3);
        LayerReconstruction l = new LeastSquaresReconstructor().reconstruct(model, ReconstructionRequest.builder()
                .budget(64).design(ReconstructionRequest.Design.HADAMARD).noiseModel(model.noise()).build()).layers().get(0);
        double sumSigma2 = 0.05 * 0.05 + 0.1 * 0.1 + 0.2 * 0.2 + 0.4 * 0.4;
        double expected = Math.sqrt(sumSigma2 * 12 / 64.0) / l.weights().norm2Number().doubleValue();
        assertEquals(expected, l.crlbRelError(), 1e-9 * expected);
        assertEquals(64, l.queries());
    }

    /**
     * With repeated reads the read noise is estimated from their spread (pure error): 64 rows read 4 times give each
     * unit's variance with 192 degrees of freedom (relative standard deviation about 10%, about 4% over the 8 units),
     * so the estimated error is within 15% of the bound from the true noise.
     */
    @Test
    void leastSquaresEstimatesTheReadNoiseFromRepeats() {
        INDArray w = KeyedRandom.gaussian(KeyedRandom.key(3, "w"), DataType.DOUBLE, 12, 8);
        double[] sigma = {0.05, 0.1, 0.2, 0.4, 0.05, 0.1, 0.2, 0.4};
        SyntheticLinearModel model = new SyntheticLinearModel(w, sigma, 9);
        LayerReconstruction l = new LeastSquaresReconstructor().reconstruct(model, ReconstructionRequest.builder()
                .budget(256).repeats(4).noiseModel(model.noise()).build()).layers().get(0);
        assertEquals(256, l.queries());
        assertEquals(1.0, l.estimatedRelError() / l.crlbRelError(), 0.15,
                "estimated " + l.estimatedRelError() + ", bound " + l.crlbRelError());
    }
}
