package org.dl4jmortal.probe.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jmortal.spi.random.KeyedRandom;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How the methods spend a budget or size themselves for a target, on a synthetic linear layer with known noise. */
class BudgetAndTargetTest {
    private static final double[] SIGMA = {0.05, 0.1, 0.2, 0.4, 0.05, 0.1, 0.2, 0.4};

    private static INDArray weights() {
        return KeyedRandom.gaussian(KeyedRandom.key(5, "w"), DataType.DOUBLE, 12, 8);
    }

    /** Forward differences cost 13 queries per read; a budget of 1,300 pays for 50 reads at half of it. */
    @Test
    void finiteDifferencesSpendHalfABudgetOnReads() {
        SyntheticLinearModel model = new SyntheticLinearModel(weights(), SIGMA, 1);
        LayerReconstruction l = new FiniteDifferenceReconstructor().reconstruct(model, ReconstructionRequest.builder()
                .budget(1300).build()).layers().get(0);
        assertEquals(50 * 13, l.queries());
    }

    @Test
    void noiseFreeReadsAreNotRepeatedBeyondThePilot() {
        SyntheticLinearModel model = new SyntheticLinearModel(weights(), new double[8], 2);
        LayerReconstruction l = new FiniteDifferenceReconstructor().reconstruct(model, ReconstructionRequest.builder()
                .budget(1300).build()).layers().get(0);
        assertEquals(2 * 13, l.queries(), "two reads show there is no noise to average");
        assertEquals(0.0, l.weights().castTo(DataType.DOUBLE).sub(weights()).amaxNumber().doubleValue(), 1e-5);
    }

    /**
     * Least squares sized for a target of 2%: the 48-row pilot's own estimate scales the rows by
     * (error / target)^2. Its noise estimate has 36 degrees of freedom per unit and is dominated by the two noisiest
     * units, so it spreads by about 17%: the rows are asserted within 35% of the prediction from the true noise and
     * the final estimated error within 25% of the target.
     */
    @Test
    void leastSquaresSizeThemselvesForATarget() {
        INDArray w = weights();
        SyntheticLinearModel model = new SyntheticLinearModel(w, SIGMA, 3);
        LayerReconstruction l = new LeastSquaresReconstructor().reconstruct(model, ReconstructionRequest.builder()
                .targetError(0.02).noiseModel(model.noise()).build()).layers().get(0);
        assertEquals(0.02, l.estimatedRelError(), 0.25 * 0.02, "estimated " + l.estimatedRelError());
        double error = l.weights().castTo(DataType.DOUBLE).sub(w).norm2Number().doubleValue()
                / w.norm2Number().doubleValue();
        assertTrue(error < 0.03, "error " + error);
        // sigma_j^2 tr (X^T X)^-1 with X^T X ~ rows * density I (density 1 for 12 inputs): rows ~ sum 12 sigma^2
        // / (0.02 ||W||)^2
        double s2 = 0;
        for (double s : SIGMA) {
            s2 += 12 * s * s;
        }
        double rows = s2 / Math.pow(0.02 * w.norm2Number().doubleValue(), 2);
        assertEquals(rows, l.queries(), 0.35 * rows, "queries " + l.queries());
    }
}
