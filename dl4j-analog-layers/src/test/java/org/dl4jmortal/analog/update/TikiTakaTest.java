package org.dl4jmortal.analog.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.dl4jmortal.analog.layers.AnalogLayer;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiki-Taka (Gokmen &amp; Haensch 2020): transfer schedule, transfer pulses, one step against SGD, serialisation. */
class TikiTakaTest extends BaseDL4JTest {

    @Test
    void rowsCycleInOrderAfterEveryTransferEveryMiniBatches() {
        // every 2nd mini-batch, 3 rows per transfer, 5 rows: after updates 2, 4, 6 rows 0-2, then 3, 4, 0, then 1-3
        assertArrayEquals(new int[0], TikiTakaTransfer.rowsAfterUpdate(0, 64, 2, true, 3, 5));
        assertArrayEquals(new int[] {0, 1, 2}, TikiTakaTransfer.rowsAfterUpdate(1, 64, 2, true, 3, 5));
        assertArrayEquals(new int[0], TikiTakaTransfer.rowsAfterUpdate(2, 64, 2, true, 3, 5));
        assertArrayEquals(new int[] {3, 4, 0}, TikiTakaTransfer.rowsAfterUpdate(3, 64, 2, true, 3, 5));
        assertArrayEquals(new int[] {1, 2, 3}, TikiTakaTransfer.rowsAfterUpdate(5, 64, 2, true, 3, 5));
        // more reads than rows: each row once
        assertArrayEquals(new int[] {0, 1}, TikiTakaTransfer.rowsAfterUpdate(0, 64, 1, true, 7, 2));
    }

    @Test
    void sampleUnitsTransferOneRowPerSampleOrOneEveryFewUpdates() {
        // one transfer per 2 samples at batch 8: 4 rows per update, pointer 4 u mod 10
        assertArrayEquals(new int[] {0, 1, 2, 3}, TikiTakaTransfer.rowsAfterUpdate(0, 8, 2, false, 1, 10));
        assertArrayEquals(new int[] {8, 9, 0, 1}, TikiTakaTransfer.rowsAfterUpdate(2, 8, 2, false, 1, 10));
        // one transfer per 32 samples at batch 8: one row after every 4th update
        assertArrayEquals(new int[0], TikiTakaTransfer.rowsAfterUpdate(2, 8, 32, false, 1, 10));
        assertArrayEquals(new int[] {0}, TikiTakaTransfer.rowsAfterUpdate(3, 8, 32, false, 1, 10));
        assertArrayEquals(new int[] {1}, TikiTakaTransfer.rowsAfterUpdate(7, 8, 32, false, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> TikiTakaTransfer.rowsAfterUpdate(0, 8, 0, false, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> TikiTakaTransfer.rowsAfterUpdate(0, 0, 1, false, 1, 5));
    }

    @Test
    void meanTransferPulsesMoveTheRowByTheLearningRateTimesTheRead() {
        ParameterSet p = UpdateConfig.defaults().with(UpdateConfig.MEAN_COUNT, 1);
        UpdateConfig config = UpdateConfig.from(p);
        INDArray reads = Nd4j.createFromArray(new double[][] {{0.3, -0.1, 0.0}, {-0.05, 0.2, 0.12}});
        double lr = 0.1;
        double dwMin = 0.001;
        PulseCounts c = TikiTakaTransfer.pulses(reads, lr, dwMin, config, 1);
        INDArray net = c.up().sub(c.down()).muli(dwMin);
        assertArrayEquals(new long[] {2, 3}, net.shape(), "one row of counts per read row");
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(lr * reads.getDouble(r, j), net.getDouble(r, j), 1e-12, "read row " + r + ", column " + j);
            }
        }
    }

    @Test
    void stochasticTransferPulsesHaveTheExpectedMeanAndMatchTheFullCoincidenceCount() {
        UpdateConfig config = UpdateConfig.from(UpdateConfig.defaults());
        int[] rows = {3, 1};
        INDArray reads = Nd4j.createFromArray(new double[][] {{0.3, -0.1, 0.0}, {-0.05, 0.2, 0.12}});
        INDArray oneHot = TikiTakaTransfer.oneHot(rows, 5, DataType.DOUBLE);
        double lr = 0.1;
        double dwMin = 0.001;
        int draws = 400;
        INDArray fast = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        INDArray full = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        for (int d = 0; d < draws; d++) {
            PulseCounts c = TikiTakaTransfer.pulses(reads, lr, dwMin, config, KeyedRandom.key(9, d));
            for (int r = 0; r < rows.length; r++) {
                fast.getRow(rows[r]).addi(c.up().getRow(r).sub(c.down().getRow(r)));
            }
            PulseCounts f = PulseCoincidence.count(oneHot, reads.neg(), lr, dwMin, config, KeyedRandom.key(10, d));
            full.addi(f.up().sub(f.down()));
        }
        fast.divi(draws);
        full.divi(draws);
        // expected net pulses lr v / dwMin (30, -10, 0; -5, 20, 12) while no probability is clipped (here BL = 30
        // by bit-length management, A = 1 and B |v| <= 1). One draw's count is binomial with a standard deviation
        // below sqrt(30)/2 = 2.7 pulses, so the mean of 400 has a standard deviation below 0.14: tolerance 0.7 (5 sd)
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                int r = i == 3 ? 0 : i == 1 ? 1 : -1;
                double expected = r < 0 ? 0.0 : lr * reads.getDouble(r, j) / dwMin;
                assertEquals(expected, fast.getDouble(i, j), 0.7, "one-hot counting, device " + i + "," + j);
                assertEquals(expected, full.getDouble(i, j), 0.7, "full counting, device " + i + "," + j);
            }
        }
    }

    /**
     * The ideal device of {@link InPlaceTrainingTest#idealPulsed()} with Tiki-Taka on, every row transferred after
     * every update, and expected pulse counts (mean-count); the trains are long enough that no probability is clipped
     * at 1 (at most about 300 pulses per sample here).
     */
    private static Map<String, Double> idealTikiTaka() {
        Map<String, Double> m = InPlaceTrainingTest.idealPulsed();
        m.put("meanCount", 1.0);
        m.put(UpdateConfig.TIKI_TAKA, 1.0);
        m.put(UpdateConfig.TRANSFER_EVERY, 1.0);
        m.put(UpdateConfig.TRANSFER_UNITS_IN_MINI_BATCH, 1.0);
        m.put(UpdateConfig.READS_PER_TRANSFER, 100.0);
        m.put(UpdateConfig.TRANSFER_LEARNING_RATE, 2.0);
        return m;
    }

    private static MultiLayerNetwork net(boolean analog, double lr) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Sgd(lr)).weightInit(WeightInit.XAVIER).list();
        if (analog) {
            b.layer(new AnalogOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                    .activation(Activation.SOFTMAX).device("constant-step").parameters(idealTikiTaka()).seed(12)
                    .build());
        } else {
            b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                    .activation(Activation.SOFTMAX).build());
        }
        MultiLayerNetwork n = new MultiLayerNetwork(b.build());
        n.init();
        return n;
    }

    private static DataSet data() {
        INDArray x = KeyedRandom.uniform(KeyedRandom.key(7, "x"), DataType.DOUBLE, 16, 6).subi(0.5).muli(2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    @Test
    void oneIdealStepPutsTheSgdStepOnTheFastArrayAndTransfersItScaledIntoTheWeights() {
        double lr = 0.1;
        DataSet ds = data();
        MultiLayerNetwork analog = net(true, lr);
        MultiLayerNetwork digital = net(false, lr);
        org.deeplearning4j.nn.api.Layer layer = analog.getLayer(0);
        ((AnalogLayer) layer).crossbar().program(digital.getLayer(0).getParam("W"), digital.getLayer(0).getParam("b"));
        INDArray w0 = digital.getLayer(0).getParam("W").dup();
        INDArray c0 = layer.getParam(AnalogParams.W_DEVICE).dup();
        INDArray scale = layer.getParam(AnalogParams.W_SCALE).dup();
        assertEquals(0.0, layer.getParam(AnalogParams.W_FAST).amaxNumber().doubleValue(), 0.0);
        digital.fit(ds);
        analog.fit(ds);
        // the SGD step in device units, -lr dL/dW / wScale, lands on A (fast learning rate 1 x lr) ...
        INDArray sgdStep = digital.getLayer(0).getParam("W").sub(w0).divRowVector(scale);
        INDArray fast = layer.getParam(AnalogParams.W_FAST);
        assertTrue(fast.sub(sgdStep).norm2Number().doubleValue() < 1e-3 * sgdStep.norm2Number().doubleValue(),
                "A = " + fast.toStringFull() + ", SGD step " + sgdStep.toStringFull());
        // ... and every row of A is read exactly and written into C with learning rate 2 x lr
        INDArray moved = layer.getParam(AnalogParams.W_DEVICE).sub(c0);
        INDArray expected = sgdStep.mul(2 * lr);
        assertTrue(moved.sub(expected).norm2Number().doubleValue() < 1e-2 * expected.norm2Number().doubleValue(),
                "C moved by " + moved + ", expected " + expected);
    }

    @Test
    void theFastArrayIsSavedAndRestoredWithTheNetwork(@TempDir Path dir) throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).updater(new Sgd(0.5)).list()
                .layer(new AnalogOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).device("soft-bounds")
                        .build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        DataSet ds = data();
        ds.setFeatures(ds.getFeatures().castTo(DataType.FLOAT));
        ds.setLabels(ds.getLabels().castTo(DataType.FLOAT));
        for (int i = 0; i < 3; i++) {
            n.fit(ds);
        }
        INDArray fast = n.getLayer(0).getParam(AnalogParams.W_FAST).dup();
        // soft-bounds devices move by whole pulses of about dwMin = 0.001: three updates leave A clearly non-zero
        assertTrue(fast.amaxNumber().doubleValue() > 5e-4, "A = " + fast);
        File f = dir.resolve("tt.zip").toFile();
        ModelSerializer.writeModel(n, f, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertEquals(fast, restored.getLayer(0).getParam(AnalogParams.W_FAST));
        assertEquals(n.getLayer(0).getParam(AnalogParams.W_DEVICE),
                restored.getLayer(0).getParam(AnalogParams.W_DEVICE));
    }

    @Test
    void aSavedChipKeepsItsAlgorithm() {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4).list()
                .layer(new AnalogOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).device("soft-bounds").build())
                .build());
        n.init();
        org.dl4jmortal.analog.chip.AnalogChip chip = org.dl4jmortal.analog.chip.AnalogChip.wrap(n,
                new org.dl4jmortal.analog.chip.ChipInfo(4, "soft-bounds", Map.of(), List.of("layer0"), List.of(),
                        "test"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chip.reconfigured(Map.of(UpdateConfig.TIKI_TAKA, 0.0)));
        assertTrue(e.getMessage().contains("tikiTaka cannot be changed on a saved chip")
                && e.getMessage().contains("fast array"), e.getMessage());
        // other settings can still change, and restating the chip's own algorithm is fine
        assertEquals(0.0, chip.reconfigured(Map.of("outputNoise", 0.0, UpdateConfig.TIKI_TAKA, 1.0)).info()
                .overrides().get("outputNoise"));
    }

    @Test
    void badTransferSettingsAreRejectedWithTheirRange() {
        for (Map.Entry<String, Double> bad : Map.of(UpdateConfig.TRANSFER_EVERY, 0.0,
                UpdateConfig.READS_PER_TRANSFER, 0.0, UpdateConfig.TRANSFER_LEARNING_RATE, -1.0,
                UpdateConfig.FAST_LEARNING_RATE, -1.0, UpdateConfig.TIKI_TAKA, 2.0,
                UpdateConfig.TRANSFER_UNITS_IN_MINI_BATCH, 0.5).entrySet()) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                    .layer(new AnalogOutputLayer.Builder().nIn(3).nOut(2).activation(Activation.SOFTMAX)
                            .device("soft-bounds").parameter(bad.getKey(), bad.getValue()).build()).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MultiLayerNetwork(conf).init());
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }
}
