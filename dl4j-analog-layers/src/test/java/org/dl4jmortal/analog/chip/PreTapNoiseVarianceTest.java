package org.dl4jmortal.analog.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.layers.Nets;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Checks {@link EvaluationOracle#preTapNoiseVariance} against the empirical variance of repeated chip reads of the
 * same input rows (each repeat is a separate row of one batch, so its noise is an independent draw).
 */
class PreTapNoiseVarianceTest extends BaseDL4JTest {
    private static final int REPEATS = 600;

    private static double[] ratios(Map<String, Double> overrides, double inputScale, long seed) {
        MultiLayerNetwork digital = Nets.digitalMlp(DataType.FLOAT, 5, 40, 24, 12, 4, Activation.RELU);
        AnalogChip chip = new AnalogConverter("pcm", overrides, seed).convert(digital, "test").chip();
        chip.setSecondsSinceProgramming(86400);
        int rows = 5;
        INDArray x = KeyedRandom.uniform(KeyedRandom.key(seed, "x"), DataType.FLOAT, rows, 40).subi(0.5).muli(2 * inputScale);
        INDArray tiled = Nd4j.tile(x, REPEATS, 1);
        INDArray pre = chip.query(tiled, List.of("layer0.pre")).tap("layer0.pre").castTo(DataType.DOUBLE);
        INDArray predicted = chip.evaluationOracle().preTapNoiseVariance("layer0", x);
        assertEquals(List.of((long) rows, 24L), List.of(predicted.shape()[0], predicted.shape()[1]));
        double sumRatio = 0;
        double worst = 0;
        int n = 0;
        for (int r = 0; r < rows; r++) {
            INDArray reps = Nd4j.create(DataType.DOUBLE, REPEATS, 24);
            for (int k = 0; k < REPEATS; k++) {
                reps.putRow(k, pre.getRow((long) k * rows + r));
            }
            INDArray var = reps.var(true, 0);
            for (int j = 0; j < 24; j++) {
                double ratio = var.getDouble(j) / predicted.getDouble(r, j);
                sumRatio += ratio;
                worst = Math.max(worst, Math.abs(Math.log(ratio)));
                n++;
            }
        }
        return new double[] {sumRatio / n, worst};
    }

    @Test
    void predictedVarianceMatchesRepeatedReads() {
        // 120 entries, each a variance over 600 draws (relative std sqrt(2/599) = 5.8%): the mean ratio has a
        // standard error near 0.5%; 3% leaves room for the uniform ADC rounding model. No entry may be off by more
        // than 30% (5 standard errors).
        double[] r = ratios(Map.of("outputBits", 8.0), 1.0, 3);
        assertEquals(1.0, r[0], 0.03, "mean empirical/predicted variance");
        assertTrue(r[1] < Math.log(1.3), "worst entry off by factor " + Math.exp(r[1]));
    }

    @Test
    void boundManagementScalesTheNoise() {
        // A small ADC bound makes most rows saturate: bound management doubles alpha, and the output noise with it.
        double[] r = ratios(Map.of("outputBits", 8.0, "outputBound", 1.0), 1.0, 4);
        assertEquals(1.0, r[0], 0.05, "mean empirical/predicted variance under bound management");
    }

    @Test
    void unknownLayerIsRejected() {
        MultiLayerNetwork digital = Nets.digitalMlp(DataType.FLOAT, 5, 40, 24, 12, 4, Activation.RELU);
        AnalogChip chip = new AnalogConverter("pcm", Map.of(), 1).convert(digital, "test").chip();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chip.evaluationOracle().preTapNoiseVariance("nope", Nd4j.ones(DataType.FLOAT, 1, 40)));
        assertTrue(e.getMessage().contains("layer0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> chip.evaluationOracle().preTapNoiseVariance("layer0", Nd4j.ones(DataType.FLOAT, 1, 39)));
        assertEquals(0.0, Transforms.abs(chip.evaluationOracle().preTapNoiseVariance("layer0",
                Nd4j.zeros(DataType.FLOAT, 1, 40))).sumNumber().doubleValue(), 0.0, "an all-zero row reads exactly 0");
    }
}
