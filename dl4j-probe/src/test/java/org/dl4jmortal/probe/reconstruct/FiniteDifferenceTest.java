package org.dl4jmortal.probe.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.probe.tap.PostActivationTaps;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite differences on synthetic linear layers with known noise (read noise from repeats, repeats for a target,
 * dither below a converter step) and on a small chip (automatic step).
 */
class FiniteDifferenceTest {
    private static final double[] SIGMA = {0.05, 0.1, 0.2, 0.4, 0.05, 0.1, 0.2, 0.4};

    private static INDArray weights() {
        return KeyedRandom.gaussian(KeyedRandom.key(3, "w"), DataType.DOUBLE, 12, 8);
    }

    private static double relativeError(LayerReconstruction l, INDArray w) {
        return l.weights().castTo(DataType.DOUBLE).sub(w).norm2Number().doubleValue() / w.norm2Number().doubleValue();
    }

    /**
     * 16 reads of 13 forward-difference probes: the error estimated from the spread of the reads matches the
     * Cramér–Rao bound from the true noise within 10% (96 weights, each variance estimated with 15 degrees of
     * freedom: the summed estimate has a relative standard deviation near 4%, its square root near 2%).
     */
    @Test
    void readNoiseIsEstimatedFromRepeats() {
        INDArray w = weights();
        SyntheticLinearModel model = new SyntheticLinearModel(w, SIGMA, 5);
        LayerReconstruction l = new FiniteDifferenceReconstructor().reconstruct(model, ReconstructionRequest.builder()
                .repeats(16).dither(false).noiseModel(model.noise()).build()).layers().get(0);
        assertEquals(16 * 13, l.queries());
        assertEquals(1.0, l.estimatedRelError() / l.crlbRelError(), 0.1,
                "estimated " + l.estimatedRelError() + ", bound " + l.crlbRelError());
        // bound by hand: each entry (sigma_j^2 + sigma_j^2) / (16 h^2), h = 1
        double sum = 0;
        for (double s : SIGMA) {
            sum += 12 * 2 * s * s / 16;
        }
        assertEquals(Math.sqrt(sum) / l.weights().norm2Number().doubleValue(), l.crlbRelError(), 1e-6);
        assertTrue(l.note().contains("read noise estimated from the spread of the reads"), l.note());
    }

    @Test
    void repeatsAreChosenToMeetATarget() {
        INDArray w = weights();
        SyntheticLinearModel model = new SyntheticLinearModel(w, SIGMA, 6);
        LayerReconstruction l = new FiniteDifferenceReconstructor().reconstruct(model, ReconstructionRequest.builder()
                .targetError(0.02).noiseModel(model.noise()).build()).layers().get(0);
        // predicted reads: sum_ij 2 sigma_j^2 / (0.02 ||W||)^2
        double s2 = 0;
        for (double s : SIGMA) {
            s2 += 12 * 2 * s * s;
        }
        double expectedReads = s2 / Math.pow(0.02 * w.norm2Number().doubleValue(), 2);
        long reads = l.queries() / 13;
        // the last estimate of the read noise comes from hundreds of reads: within 20% of the truth
        assertEquals(expectedReads, reads, 0.2 * expectedReads, "reads " + reads);
        assertTrue(l.estimatedRelError() <= 0.02, "estimated " + l.estimatedRelError());
        assertTrue(relativeError(l, w) < 0.025, "error " + relativeError(l, w));
    }

    @Test
    void aTargetTheBudgetCannotPayForIsRefused() {
        SyntheticLinearModel model = new SyntheticLinearModel(weights(), SIGMA, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new FiniteDifferenceReconstructor().reconstruct(model, ReconstructionRequest.builder().budget(260)
                        .targetError(1e-4).build()));
        assertTrue(e.getMessage().contains("below what the read noise allows within the budget")
                && e.getMessage().contains("raise the budget to about"), e.getMessage());
    }

    /**
     * A noise-free layer read through a converter of step 0.3: every read rounds to the same levels, so 32 plain
     * reads are no better than one; 32 dithered reads average the rounding out (its error falls by about
     * sqrt(32) ~ 5.7 in theory; at least 2.5 is asserted).
     */
    @Test
    void ditherGetsBelowAConverterStep() {
        INDArray w = weights();
        double[] silent = new double[8];
        SyntheticLinearModel plain = new SyntheticLinearModel(w, silent, 8, 0.3);
        double one = relativeError(new FiniteDifferenceReconstructor().reconstruct(plain,
                ReconstructionRequest.builder().build()).layers().get(0), w);
        double repeated = relativeError(new FiniteDifferenceReconstructor().reconstruct(plain,
                ReconstructionRequest.builder().repeats(32).dither(false).build()).layers().get(0), w);
        LayerReconstruction dithered = new FiniteDifferenceReconstructor().reconstruct(plain,
                ReconstructionRequest.builder().repeats(32).build()).layers().get(0);
        assertEquals(one, repeated, 1e-12, "identical reads average to the same rounding");
        assertTrue(relativeError(dithered, w) < one / 2.5, "dithered " + relativeError(dithered, w) + ", one read "
                + one);
        assertTrue(dithered.note().contains("dithered by"), dithered.note());
    }

    @Test
    void anAutomaticStepIsHalvedUntilTheActivationIsInvertible() {
        AnalogChip chip = new AnalogConverter("ideal", Map.of(), 1).convert(
                ChipReconstructionTest.mlp(20, 12, 10, 4, Activation.TANH, 1), "test").chip();
        LayerReconstruction l = new FiniteDifferenceReconstructor().reconstruct(PostActivationTaps.of(chip),
                ReconstructionRequest.builder().amplitude(200).build()).layers().get(0);
        double err = ReconstructedNetworks.relativeErrors(new org.dl4jmortal.spi.reconstruct.Reconstruction("fd",
                java.util.List.of(l), 0, 0), chip.evaluationOracle().effectiveWeights()).get(l.layerName());
        assertTrue(err < 1e-3, "error " + err + " (" + l.note() + ")");
        double h = Double.parseDouble(l.note().replaceAll(".*h = ([0-9.Ee+-]+),.*", "$1"));
        // halved from 200 until fewer than half the probe rows saturate a unit: |h W| stays within atanh's range
        assertTrue(h < 200 && h >= 200.0 / 64, l.note());
    }
}
