package org.dl4jmortal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.probe.tap.NetworkTappedModel;
import org.dl4jmortal.spi.chip.QueryLedger;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TapPosition;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class NetworkTappedModelTest extends BaseDL4JTest {

    private static INDArray input(int rows, int width, long key) {
        return KeyedRandom.gaussian(KeyedRandom.key(key, "test-input"), DataType.FLOAT, rows, width);
    }

    /** z = x W + b in double precision with plain loops, independent of ND4J's gemm. */
    private static double[][] affine(INDArray x, INDArray w, INDArray b) {
        double[][] xs = x.toDoubleMatrix();
        double[][] ws = w.toDoubleMatrix();
        double[] bs = b.toDoubleVector();
        double[][] z = new double[xs.length][bs.length];
        for (int r = 0; r < xs.length; r++) {
            for (int j = 0; j < bs.length; j++) {
                double s = bs[j];
                for (int i = 0; i < ws.length; i++) {
                    s += xs[r][i] * ws[i][j];
                }
                z[r][j] = s;
            }
        }
        return z;
    }

    @Test
    void tapsAreNamedByLayerNameOrIndexWithPreAndPost() {
        NetworkTappedModel m = NetworkTappedModel.of(TestNets.mlp(6, 5, 4, 3, 7));
        List<String> names = m.taps().stream().map(TapPoint::name).toList();
        assertEquals(List.of("0.pre", "0.post", "hidden.pre", "hidden.post", "2.pre", "2.post"), names);
        assertEquals(List.of(5, 5, 4, 4, 3, 3), m.taps().stream().map(TapPoint::width).toList());
        assertEquals(List.of("relu", "relu", "tanh", "tanh", "softmax", "softmax"),
                m.taps().stream().map(TapPoint::activation).toList());
        assertTrue(m.taps().stream().noneMatch(TapPoint::hasBias), ".pre includes the bias");
        assertEquals(TapPosition.PRE, m.tap("hidden.pre").position());
        assertEquals(6, m.inputSize());
        assertEquals(3, m.outputSize());
    }

    @Test
    void postTapsAreExactlyFeedForwardAndPreTapsAreTheAffineMap() {
        MultiLayerNetwork net = TestNets.mlp(6, 5, 4, 3, 11);
        NetworkTappedModel m = NetworkTappedModel.of(net);
        INDArray x = input(9, 6, 1);
        List<INDArray> ff = net.feedForward(x, false);
        QueryResult r = m.query(x, List.of("0.pre", "0.post", "hidden.pre", "hidden.post", "2.pre", "2.post"));
        assertEquals(ff.get(1), r.tap("0.post"));
        assertEquals(ff.get(2), r.tap("hidden.post"));
        assertEquals(ff.get(3), r.tap("2.post"));
        assertEquals(ff.get(3), r.output());
        String[] layers = {"0", "hidden", "2"};
        for (int l = 0; l < 3; l++) {
            double[][] z = affine(ff.get(l), net.getLayer(l).getParam("W"), net.getLayer(l).getParam("b"));
            double[][] pre = r.tap(layers[l] + ".pre").toDoubleMatrix();
            for (int i = 0; i < z.length; i++) {
                for (int j = 0; j < z[i].length; j++) {
                    assertEquals(z[i][j], pre[i][j], 1e-5, "layer " + layers[l] + " [" + i + "," + j + "]");
                }
            }
        }
        // relu(pre) = post, tanh(pre) = post, closed forms
        double[][] pre0 = r.tap("0.pre").toDoubleMatrix();
        double[][] post0 = r.tap("0.post").toDoubleMatrix();
        double[][] pre1 = r.tap("hidden.pre").toDoubleMatrix();
        double[][] post1 = r.tap("hidden.post").toDoubleMatrix();
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(Math.max(0, pre0[i][j]), post0[i][j], 1e-6);
            }
            for (int j = 0; j < 4; j++) {
                assertEquals(Math.tanh(pre1[i][j]), post1[i][j], 1e-6);
            }
        }
    }

    @Test
    void ledgerCountsQueriesTapReadsValuesAndBytes() {
        NetworkTappedModel m = NetworkTappedModel.of(TestNets.mlp(6, 5, 4, 3, 3));
        m.query(input(7, 6, 2), List.of("0.post", "hidden.pre", "2.post"));
        m.query(input(5, 6, 3), List.of("hidden.post"));
        m.query(input(5, 6, 3), List.of()); // a repeat counts again
        QueryLedger l = m.ledger();
        assertEquals(3, l.calls());
        assertEquals(7 + 5 + 5, l.queries());
        assertEquals(7 * 3 + 5 + 0, l.tapReads());
        long values = 7 * (5 + 4 + 3) + 5 * 4;
        assertEquals(values, l.tapValues());
        assertEquals(4L * (values + 17 * 3), l.bytes());
        assertEquals(0, l.calibrationReads());
    }

    @Test
    void badInputsGetSpecificErrors() {
        NetworkTappedModel m = NetworkTappedModel.of(TestNets.mlp(6, 5, 4, 3, 3));
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> m.query(input(2, 5, 1), List.of()));
        assertTrue(width.getMessage().contains("5 columns") && width.getMessage().contains("takes 6"), width.getMessage());
        INDArray nan = input(4, 6, 1);
        nan.putScalar(2, 3, Float.NaN);
        nan.putScalar(3, 1, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.query(nan, List.of()));
        assertTrue(e.getMessage().contains("row 2, column 3") && e.getMessage().contains("NaN"), e.getMessage());
        INDArray inf = input(4, 6, 1);
        inf.putScalar(1, 0, Float.NEGATIVE_INFINITY);
        IllegalArgumentException ei = assertThrows(IllegalArgumentException.class, () -> m.query(inf, List.of()));
        assertTrue(ei.getMessage().contains("row 1, column 0") && ei.getMessage().contains("Infinity"), ei.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> m.query(input(1, 6, 1), List.of("hidden.mid")));
        assertTrue(u.getMessage().contains("unknown tap 'hidden.mid'") && u.getMessage().contains("hidden.pre")
                && u.getMessage().contains("2.post"), u.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.query(input(1, 6, 1), List.of("0.post", "0.post")));
        assertEquals(0, m.ledger().queries(), "rejected queries cost nothing");
    }

    @Test
    void computationGraphAdapterGivesFeedForwardValues() {
        ComputationGraph g = TestNets.graph(6, 5);
        NetworkTappedModel m = NetworkTappedModel.of(g);
        assertEquals(List.of("d1.pre", "d1.post", "d2.pre", "d2.post", "out.pre", "out.post"),
                m.taps().stream().map(TapPoint::name).toList());
        INDArray x = input(8, 6, 4);
        Map<String, INDArray> ff = g.feedForward(x, false);
        QueryResult r = m.query(x, List.of("d1.pre", "d1.post", "d2.post", "out.post"));
        assertEquals(ff.get("d1"), r.tap("d1.post"));
        assertEquals(ff.get("d2"), r.tap("d2.post"));
        assertEquals(ff.get("out"), r.tap("out.post"));
        assertEquals(g.outputSingle(x), r.output());
        double[][] z = affine(x, g.getLayer("d1").getParam("W"), g.getLayer("d1").getParam("b"));
        double[][] pre = r.tap("d1.pre").toDoubleMatrix();
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                assertEquals(z[i][j], pre[i][j], 1e-5);
            }
        }
        assertEquals(8, m.ledger().queries());
        assertFalse(m.tap("d2.post").hasBias());
    }
}
