package org.dl4jmortal.distill.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import org.dl4jmortal.probe.record.SyntheticProbes;
import org.dl4jmortal.spi.distill.TransferSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Transfer set specifications, mixup and synthetic rows. */
class TransferTest {

    @Test
    void specsParse() {
        assertEquals(TransferSpec.Kind.TRAIN, TransferSpec.parse("train").kind());
        assertEquals(TransferSpec.Kind.UNLABELLED, TransferSpec.parse("unlabeled").kind());
        assertEquals(new TransferSpec(TransferSpec.Kind.GAUSSIAN, 500, 0, null), TransferSpec.parse("synthetic:500"));
        assertEquals(new TransferSpec(TransferSpec.Kind.UNIFORM, 7, 0, null), TransferSpec.parse("uniform:7"));
        assertEquals(new TransferSpec(TransferSpec.Kind.MIXUP, 100, 60_000, null), TransferSpec.parse("mixup:100"));
        assertEquals(new TransferSpec(TransferSpec.Kind.MIXUP, 100, 2000, null), TransferSpec.parse("mixup:100:2000"));
        assertEquals(Paths.get("out/taps"), TransferSpec.parse("taps:out/taps").folder());
        for (String bad : new String[] {"", "training", "gaussian:0", "uniform:-3", "mixup:x", "mixup:1:2:3", "taps:"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransferSpec.parse(bad));
            assertTrue(e.getMessage().startsWith("--transfer must be train, unlabelled"), e.getMessage());
        }
    }

    @Test
    void mixupRowsArePairwiseConvexCombinationsWithUniformLambda() {
        int m = 5;
        INDArray seedRows = Nd4j.eye(m).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        int rows = 20_005;
        float[] flat = Mixup.generate(seedRows, rows, 9).data().asFloat();
        float[][] x = new float[rows][];
        for (int r = 0; r < rows; r++) {
            x[r] = java.util.Arrays.copyOfRange(flat, r * m, (r + 1) * m);
        }
        for (int i = 0; i < m; i++) {
            assertEquals(1f, x[i][i], 0, "the seed rows come first");
        }
        double maxSum = 0;
        for (int r = m; r < rows; r++) {
            int nonZero = 0;
            double sum = 0;
            double max = 0;
            for (float v : x[r]) {
                assertTrue(v >= 0);
                nonZero += v > 0 ? 1 : 0;
                sum += v;
                max = Math.max(max, v);
            }
            assertTrue(nonZero <= 2, "a mixture of two seed rows");
            assertEquals(1.0, sum, 1e-6, "convex weights");
            maxSum += max;
        }
        // max(lambda, 1 - lambda) for lambda ~ U(0, 1) has mean 3/4 and std 1/sqrt(48) = 0.144: 4 standard errors
        double mean = maxSum / (rows - m);
        assertEquals(0.75, mean, 4 * 0.144 / Math.sqrt(rows - m));
        assertEquals(Mixup.generate(seedRows, 50, 9), Mixup.generate(seedRows, 50, 9), "same seed, same rows");
        assertNotEquals(Mixup.generate(seedRows, 50, 9), Mixup.generate(seedRows, 50, 10));
        assertThrows(IllegalArgumentException.class, () -> Mixup.generate(seedRows, 4, 9));
    }

    @Test
    void syntheticRowsAreTheProbeModulesRows() {
        TransferSet t = SyntheticTransfer.of(SyntheticProbes.Kind.UNIFORM, 1500, 8, 3);
        SyntheticProbes probes = new SyntheticProbes(SyntheticProbes.Kind.UNIFORM, 1500, 8, 3);
        INDArray first = probes.next(1024);
        assertEquals(first, t.inputs().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1024),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
        assertEquals(1500, t.rows());
        assertTrue(t.inputs().minNumber().doubleValue() >= 0 && t.inputs().maxNumber().doubleValue() < 1);
        assertEquals(false, t.labelled());
    }
}
