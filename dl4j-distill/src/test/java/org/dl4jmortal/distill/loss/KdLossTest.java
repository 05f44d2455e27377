package org.dl4jmortal.distill.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.spi.distill.OutputLossFunction;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The kd loss (Hinton, Vinyals &amp; Dean 2015) against closed forms worked out by hand, against central finite
 * differences of its own row losses, and inside a DL4J network against DL4J's GradientCheckUtil (double precision).
 */
class KdLossTest extends BaseDL4JTest {

    @Override
    public DataType getDataType() {
        return DataType.DOUBLE;
    }

    @Test
    void closedFormOnEqualLogits() {
        // z = [0, 0]: softmax(z / T) = softmax(z) = [1/2, 1/2]; soft target [1, 0]
        KdLoss loss = new KdLoss(4, 0.9);
        INDArray z = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 0}});
        INDArray t = Nd4j.createFromArray(new double[][] {{1, 0, 0, 0}, {1, 0, 0, 1}});
        double[][] rows = Distributions.toRows(loss.rowLosses(z, t));
        // unlabelled row: a = 1, L = T^2 KL([1, 0] || [1/2, 1/2]) = 16 ln 2
        assertEquals(16 * Math.log(2), rows[0][0], 1e-12);
        // labelled row (class 1): L = 0.9 * 16 ln 2 + 0.1 * (-ln 1/2) = 14.5 ln 2
        assertEquals(14.5 * Math.log(2), rows[1][0], 1e-12);
        double[][] g = Distributions.toRows(loss.gradient(z, t));
        // unlabelled: T (q - p) = 4 ([1/2, 1/2] - [1, 0]) = [-2, 2]
        assertArrayEquals(new double[] {-2, 2}, g[0], 1e-12);
        // labelled: 0.9 * [-2, 2] + 0.1 * ([1/2, 1/2] - [0, 1]) = [-1.75, 1.75]
        assertArrayEquals(new double[] {-1.75, 1.75}, g[1], 1e-12);
    }

    @Test
    void gradientMatchesCentralDifferencesOfTheRowLosses() {
        KdLoss loss = new KdLoss(3, 0.7);
        INDArray z = KeyedRandom.gaussian(KeyedRandom.key(1, "z"), DataType.DOUBLE, 6, 5).muli(2);
        INDArray soft = Distributions.softmax(KeyedRandom.gaussian(KeyedRandom.key(1, "t"), DataType.DOUBLE, 6, 5), 3);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 6, 5);
        for (int i = 0; i < 3; i++) {
            labels.putScalar(i, (i * 2) % 5, 1.0);
        }
        INDArray t = Nd4j.hstack(soft, labels);
        double[][] g = Distributions.toRows(loss.gradient(z, t));
        double h = 1e-6;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                INDArray plus = z.dup();
                plus.putScalar(i, j, z.getDouble(i, j) + h);
                INDArray minus = z.dup();
                minus.putScalar(i, j, z.getDouble(i, j) - h);
                double numeric = (loss.rowLosses(plus, t).getDouble(i, 0) - loss.rowLosses(minus, t).getDouble(i, 0))
                        / (2 * h);
                assertEquals(numeric, g[i][j], 1e-6, "row " + i + " column " + j);
            }
        }
    }

    @Test
    void dl4jGradientCheckThroughANetworkTrainedOnTheKdLoss() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(new OutputLossFunction(new KdLoss(2, 0.7))).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = KeyedRandom.uniform(KeyedRandom.key(2, "x"), DataType.DOUBLE, 8, 4).subi(0.5);
        INDArray soft = Distributions.softmax(KeyedRandom.gaussian(KeyedRandom.key(2, "t"), DataType.DOUBLE, 8, 3), 2);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                .labels(Nd4j.hstack(soft, labels)).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
        assertTrue(ok, "DL4J gradient check of the kd loss failed");
    }

    @Test
    void targetsHoldSoftTargetsThenLabels() {
        INDArray soft = Nd4j.createFromArray(new float[][] {{0.25f, 0.75f}});
        assertArrayEquals(new float[] {0.25f, 0.75f, 0, 0}, KdLoss.targets(soft, null).toFloatVector(), 0);
        assertArrayEquals(new float[] {0.25f, 0.75f, 1, 0}, KdLoss.targets(soft,
                Nd4j.createFromArray(new float[][] {{1, 0}})).toFloatVector(), 0);
    }

    @Test
    void temperatureMustBePositiveAndAlphaInUnitInterval() {
        for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KdLoss(t, 0.5));
            assertTrue(e.getMessage().contains("temperature T must be a finite number > 0"), e.getMessage());
        }
        for (double a : new double[] {-0.01, 1.01, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KdLoss(4, a));
            assertTrue(e.getMessage().contains("alpha must lie in [0, 1]"), e.getMessage());
        }
    }

    @Test
    void wrongTargetWidthIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KdLoss(4, 0.5)
                .gradient(Nd4j.zeros(DataType.DOUBLE, 2, 3), Nd4j.zeros(DataType.DOUBLE, 2, 3)));
        assertTrue(e.getMessage().contains("[batch, 2k]"), e.getMessage());
    }
}
