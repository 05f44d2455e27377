package org.dl4jmortal.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.probe.export.NpyExporter;
import org.dl4jmortal.probe.listener.BoundedTapBuffer;
import org.dl4jmortal.probe.listener.TapRecordingListener;
import org.dl4jmortal.probe.listener.WriterTapSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class TapRecordingListenerTest extends BaseDL4JTest {
    @TempDir
    Path tmp;

    private static DataSet data(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        return new DataSet(x, y);
    }

    @Test
    void recordsActivationsOfTheForwardPassDuringFit() {
        MultiLayerNetwork net = TestNets.mlp(6, 5, 4, 3, 8);
        MultiLayerNetwork before = net.clone();
        BoundedTapBuffer buf = new BoundedTapBuffer(100);
        net.setListeners(new TapRecordingListener(List.of("0", "hidden"), buf));
        DataSet d = data(10, 1);
        net.fit(d);
        List<INDArray> ff = before.feedForward(d.getFeatures(), false); // the pass before the update, no dropout
        assertTrue(ff.get(1).equalsWithEps(buf.rows("0.post"), 1e-6));
        assertTrue(ff.get(2).equalsWithEps(buf.rows("hidden.post"), 1e-6));
        assertEquals(10, buf.seen("hidden.post"));
        IllegalStateException out = assertThrows(IllegalStateException.class, () -> {
            net.setListeners(new TapRecordingListener(List.of("2"), buf));
            net.fit(d);
        });
        assertTrue(out.getMessage().contains("skips its output layer"), out.getMessage());
    }

    @Test
    void observeRecordsDuringEvaluationIncludingTheOutputLayerAndGraphs() throws Exception {
        MultiLayerNetwork net = TestNets.mlp(6, 5, 4, 3, 8);
        INDArray x = data(7, 2).getFeatures();
        Path dir = tmp.resolve("eval");
        try (WriterTapSink sink = new WriterTapSink(new NpyExporter(), dir)) {
            TapRecordingListener l = new TapRecordingListener(List.of("2"), sink);
            l.observe(net, x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all()));
            l.observe(net, x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 7), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        }
        NpyFiles.Loaded loaded = NpyFiles.load(dir.resolve("2.post.npy"));
        assertArrayEquals(new long[]{7, 3}, loaded.shape());
        assertArrayEquals(Nd4j.toFlattened(net.output(x)).toFloatVector(), loaded.data(), 1e-6f);

        ComputationGraph g = TestNets.graph(6, 3);
        BoundedTapBuffer buf = new BoundedTapBuffer(5);
        TapRecordingListener gl = new TapRecordingListener(List.of("d2"), buf);
        gl.observe(g, x);
        Map<String, INDArray> ff = g.feedForward(x, false);
        assertEquals(ff.get("d2").get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 7),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), buf.rows("d2.post"), "keeps the latest 5 of 7 rows");
        assertEquals(7, buf.seen("d2.post"));
        assertThrows(IllegalArgumentException.class, () -> new TapRecordingListener(List.of("nope"), buf).observe(g, x));
    }
}
