package org.dl4jmortal.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.probe.record.DataSetIteratorSource;
import org.dl4jmortal.probe.record.ExportManifest;
import org.dl4jmortal.probe.record.NanPolicy;
import org.dl4jmortal.probe.record.OutputMode;
import org.dl4jmortal.probe.record.RecordingObserver;
import org.dl4jmortal.probe.record.RecordingSummary;
import org.dl4jmortal.probe.record.SyntheticProbes;
import org.dl4jmortal.probe.record.TapNaNException;
import org.dl4jmortal.probe.record.TapRecorder;
import org.dl4jmortal.probe.tap.NetworkTappedModel;
import org.dl4jmortal.probe.tap.TapReadModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ExistingMiniBatchDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;

class TapRecorderTest extends BaseDL4JTest {
    private static final List<String> ALL = List.of("0.pre", "0.post", "hidden.pre", "hidden.post", "2.pre", "2.post");

    @TempDir
    Path tmp;

    private static TapRecorder.Builder recorder(NetworkTappedModel m, Path out, String format) {
        return TapRecorder.builder().model(m).taps(ALL).exporter(format).outputDir(out).seed(42).batchSize(8)
                .checkpointRows(16);
    }

    private static DataSetIterator iterator(INDArray x, int batch) {
        List<DataSet> l = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) {
            l.add(new DataSet(x.getRow(i, true).dup(), Nd4j.zeros(DataType.FLOAT, 1, 3)));
        }
        return new ListDataSetIterator<>(l, batch);
    }

    @Test
    void exportedTapsAreExactlyFeedForwardInAllThreeFormats() throws IOException {
        MultiLayerNetwork net = TestNets.mlp(6, 5, 4, 3, 21);
        INDArray train = Nd4j.rand(DataType.FLOAT, 30, 6);
        INDArray test = Nd4j.rand(DataType.FLOAT, 13, 6);
        INDArray all = Nd4j.vstack(train, test);
        // feedForward on the recorder's batches of 8 rows (gemm may round differently for another batch size)
        List<List<INDArray>> perBatch = new ArrayList<>();
        for (int from = 0; from < 43; from += 8) {
            perBatch.add(net.feedForward(all.get(NDArrayIndex.interval(from, Math.min(43, from + 8)), NDArrayIndex.all()), false));
        }
        Map<String, INDArray> expected = new java.util.HashMap<>();
        String[] names = {"0.post", "hidden.post", "2.post"};
        for (int l = 0; l < 3; l++) {
            final int layer = l + 1;
            expected.put(names[l], Nd4j.vstack(perBatch.stream().map(b -> b.get(layer)).toArray(INDArray[]::new)));
        }
        for (String format : List.of("npy", "csv", "dl4j")) {
            NetworkTappedModel m = NetworkTappedModel.of(net);
            Path out = tmp.resolve(format);
            DataSetIteratorSource src = new DataSetIteratorSource("memory", 6, List.of(
                    new DataSetIteratorSource.Part("train", iterator(train, 7), 30),
                    new DataSetIteratorSource.Part("test", iterator(test, 5), 13)));
            RecordingSummary s = recorder(m, out, format).build().record(src);
            assertEquals(43, s.rows());
            assertTrue(s.completed());
            for (String tap : expected.keySet()) {
                INDArray got = read(out, tap, format, 43, (int) expected.get(tap).size(1));
                assertEquals(expected.get(tap), got, format + " " + tap);
            }
            if (format.equals("dl4j")) {
                ExistingMiniBatchDataSetIterator it = new ExistingMiniBatchDataSetIterator(out.resolve("0.post.dl4j").toFile());
                List<INDArray> feats = new ArrayList<>();
                it.forEachRemaining(d -> feats.add(d.getFeatures()));
                assertEquals(all, Nd4j.vstack(feats.toArray(new INDArray[0])), "dl4j features are the input rows");
            }
            try (Stream<Path> files = Files.list(out)) {
                assertTrue(files.noneMatch(p -> p.toString().endsWith(".part") || p.toString().endsWith(".tmp")));
            }
        }
    }

    static INDArray read(Path out, String tap, String format, int rows, int width) throws IOException {
        switch (format) {
            case "npy" -> {
                NpyFiles.Loaded l = NpyFiles.load(out.resolve(tap + ".npy"));
                assertArrayEquals(new long[]{rows, width}, l.shape());
                return Nd4j.create(l.data(), new long[]{rows, width}, DataType.FLOAT);
            }
            case "csv" -> {
                List<String> lines = Files.readAllLines(out.resolve(tap + ".csv"));
                assertEquals(rows + 1, lines.size());
                float[] f = new float[rows * width];
                for (int r = 0; r < rows; r++) {
                    String[] c = lines.get(r + 1).split(",");
                    assertEquals(width, c.length);
                    for (int j = 0; j < width; j++) {
                        f[r * width + j] = Float.parseFloat(c[j]);
                    }
                }
                return Nd4j.create(f, new long[]{rows, width}, DataType.FLOAT);
            }
            default -> {
                ExistingMiniBatchDataSetIterator it = new ExistingMiniBatchDataSetIterator(out.resolve(tap + ".dl4j").toFile());
                List<INDArray> labels = new ArrayList<>();
                it.forEachRemaining(d -> labels.add(d.getLabels()));
                return Nd4j.vstack(labels.toArray(new INDArray[0]));
            }
        }
    }

    @Test
    void manifestRecordsTapsShapesSourceSeedHeapAndLedger() throws IOException {
        NetworkTappedModel m = NetworkTappedModel.of(TestNets.mlp(6, 5, 4, 3, 2));
        Path out = tmp.resolve("m");
        Instant before = Instant.now();
        TapRecorder.builder().model(m).taps(List.of("hidden.pre", "2.post", TapRecorder.OUTPUT)).exporter("npy")
                .outputDir(out).seed(9).batchSize(10).checkpointRows(25)
                .readModels(Map.of("hidden.pre", TapReadModel.builder().adc(8, 4.0).build()))
                .build().record(SyntheticProbes.parse("uniform:35", 6, 9));
        ExportManifest man = ExportManifest.read(out.resolve("manifest.json"));
        assertTrue(man.completed());
        assertEquals("npy", man.format());
        assertEquals(35, man.rowsCompleted());
        assertEquals(9, man.seed());
        assertEquals(30, man.checkpointRows(), "25 rounded up to a multiple of the batch size 10");
        assertEquals(Runtime.getRuntime().maxMemory(), man.jvmMaxHeapBytes());
        assertEquals(35, man.source().rows());
        assertTrue(man.source().description().startsWith("synthetic uniform:35"), man.source().description());
        assertFalse(Instant.parse(man.created()).isBefore(before.minusSeconds(1)));
        assertEquals(List.of("hidden.pre", "2.post", "output"), man.taps().stream().map(ExportManifest.TapEntry::name).toList());
        ExportManifest.TapEntry pre = man.taps().get(0);
        assertEquals("hidden.pre.npy", pre.file());
        assertEquals(List.of(35L, 4L), pre.shape());
        assertEquals("float32", pre.dtype());
        assertEquals("pre", pre.position());
        assertEquals("tanh", pre.activation());
        assertEquals(new ExportManifest.ReadModel(8, 4.0, 0.0), pre.readModel());
        assertEquals(new ExportManifest.ReadModel(0, 0.0, 0.0), man.taps().get(1).readModel());
        assertEquals(List.of(35L, 3L), man.taps().get(2).shape());
        // ledger: 35 queries in 4 calls (10, 10, 10, 5), 2 model taps per query, 4 + 3 values per query
        assertEquals(4L, man.ledger().get("calls"));
        assertEquals(35L, man.ledger().get("queries"));
        assertEquals(70L, man.ledger().get("tap_reads"));
        assertEquals(35L * 7, man.ledger().get("tap_values"));
        assertEquals(4L * 35 * (7 + 3), man.ledger().get("bytes"));
        // the ADC read model put every hidden.pre value on the 8-bit grid of step 8/254
        float[] v = NpyFiles.load(out.resolve("hidden.pre.npy")).data();
        double step = 8.0 / 254;
        for (float f : v) {
            assertEquals(Math.rint(f / step), f / step, 1e-3);
        }
    }

    @Test
    void resumedExportIsByteIdenticalToAnUninterruptedOne() throws IOException {
        MultiLayerNetwork net = TestNets.mlp(6, 5, 4, 3, 5);
        Map<String, TapReadModel> noisy = Map.of("hidden.post", TapReadModel.builder().noiseStd(0.05).adc(6, 1.0).build());
        for (String format : List.of("npy", "csv", "dl4j")) {
            Path whole = tmp.resolve("whole-" + format);
            recorder(NetworkTappedModel.of(net), whole, format).readModels(noisy).build()
                    .record(SyntheticProbes.parse("gaussian:60", 6, 3));
            Path cut = tmp.resolve("cut-" + format);
            RecordingObserver killer = new RecordingObserver() {
                @Override
                public void batchWritten(long rows, long total) {
                    if (rows == 40) { // two checkpoints (16, 32) and one batch past the second
                        throw new IllegalStateException("deliberate interruption");
                    }
                }
            };
            assertThrows(IllegalStateException.class, () -> recorder(NetworkTappedModel.of(net), cut, format)
                    .readModels(noisy).observer(killer).build().record(SyntheticProbes.parse("gaussian:60", 6, 3)));
            ExportManifest half = ExportManifest.read(cut.resolve("manifest.json"));
            assertFalse(half.completed());
            assertEquals(32, half.rowsCompleted());
            assertTrue(Files.exists(cut.resolve("0.post." + format + ".part")));
            assertFalse(Files.exists(cut.resolve("0.post." + format)), "no final file before the end");
            if (format.equals("npy")) {
                Files.write(cut.resolve("0.post.npy.part"), new byte[]{9, 9, 9}, StandardOpenOption.APPEND);
            }
            NetworkTappedModel resumedModel = NetworkTappedModel.of(net);
            RecordingSummary s = recorder(resumedModel, cut, format).readModels(noisy).mode(OutputMode.RESUME).build()
                    .record(SyntheticProbes.parse("gaussian:60", 6, 3));
            assertEquals(32, s.firstRow());
            assertEquals(60, s.rows());
            assertEquals(60, resumedModel.ledger().queries(),
                    "the resumed session replays the 32 completed rows' queries, then queries the remaining 28");
            for (String tap : ALL) {
                String f = tap + "." + format;
                if (format.equals("dl4j")) {
                    for (int i = 0; i < 8; i++) {
                        String shard = "dataset-" + i + ".bin";
                        assertArrayEquals(Files.readAllBytes(whole.resolve(f).resolve(shard)),
                                Files.readAllBytes(cut.resolve(f).resolve(shard)), f + "/" + shard);
                    }
                    assertFalse(Files.exists(cut.resolve(f).resolve("dataset-8.bin")));
                } else {
                    assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)), f);
                }
            }
            ExportManifest done = ExportManifest.read(cut.resolve("manifest.json"));
            assertEquals(2, done.sessions());
            assertEquals(92L, done.ledger().get("queries"), "32 checkpointed queries + 32 replayed + 28 new");
        }
    }

    @Test
    void resumeRefusesAManifestThatDisagrees() throws IOException {
        NetworkTappedModel m = NetworkTappedModel.of(TestNets.mlp(6, 5, 4, 3, 5));
        Path out = tmp.resolve("r");
        RecordingObserver killer = new RecordingObserver() {
            @Override
            public void checkpointed(long rows) {
                throw new IllegalStateException("stop");
            }
        };
        assertThrows(IllegalStateException.class, () -> recorder(m, out, "npy").observer(killer).build()
                .record(SyntheticProbes.parse("gaussian:40", 6, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recorder(m, out, "npy")
                .seed(43).mode(OutputMode.RESUME).build().record(SyntheticProbes.parse("gaussian:40", 6, 3)));
        assertTrue(e.getMessage().contains("seed 42 vs 43"), e.getMessage());
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class, () -> recorder(m,
                tmp.resolve("empty"), "npy").mode(OutputMode.RESUME).build().record(SyntheticProbes.parse("gaussian:4", 6, 3)));
        assertTrue(nothing.getMessage().startsWith("nothing to resume"), nothing.getMessage());
    }

    @Test
    void unknownTapListsTheValidOnes() {
        NetworkTappedModel m = NetworkTappedModel.of(TestNets.mlp(6, 5, 4, 3, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TapRecorder.builder()
                .model(m).taps(List.of("hidden.post", "hiden.post")).exporter("npy").outputDir(tmp).build());
        assertEquals("unknown tap 'hiden.post'; valid taps: [0.pre, 0.post, hidden.pre, hidden.post, 2.pre, 2.post,"
                + " output]", e.getMessage());
    }

    @Test
    void tapNamesThatWouldEscapeTheFolderAreRefused() {
        for (String layer : new String[]{"../evil", "a/b", "..", "x\\y"}) {
            NetworkTappedModel m = NetworkTappedModel.of(TestNets.mlp(6, 5, 4, 3, 5, layer));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TapRecorder.builder()
                    .model(m).taps(List.of(layer + ".post")).exporter("csv").outputDir(tmp.resolve("o")).build());
            assertTrue(e.getMessage().contains("cannot be used as a file name")
                    && e.getMessage().contains("escape the output folder"), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void foreignFilesOrAnEarlierExportAreRefusedUnlessForced() throws IOException {
        NetworkTappedModel m = NetworkTappedModel.of(TestNets.mlp(6, 5, 4, 3, 5));
        Path out = Files.createDirectories(tmp.resolve("f"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recorder(m, out, "npy").build()
                .record(SyntheticProbes.parse("gaussian:8", 6, 1)));
        assertTrue(e.getMessage().contains("is not empty") && e.getMessage().contains("notes.txt"), e.getMessage());
        recorder(m, out, "npy").mode(OutputMode.FORCE).build().record(SyntheticProbes.parse("gaussian:8", 6, 1));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")), "force leaves foreign files alone");
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> recorder(m, out, "npy")
                .build().record(SyntheticProbes.parse("gaussian:8", 6, 1)));
        assertTrue(again.getMessage().contains("holds an earlier tap export"), again.getMessage());
        RecordingSummary s = recorder(m, out, "npy").mode(OutputMode.FORCE).build()
                .record(SyntheticProbes.parse("gaussian:16", 6, 1));
        assertEquals(16, s.rows());
        assertArrayEquals(new long[]{16, 5}, NpyFiles.load(out.resolve("0.post.npy")).shape());
    }

    @Test
    void nanAtATapFailsByDefaultAndIsCountedWhenWritten() throws IOException {
        MultiLayerNetwork net = TestNets.mlp(6, 5, 4, 3, 5);
        net.getLayer(1).getParam("W").putScalar(2, 1, Float.NaN); // hidden unit 1 reads NaN for every row
        NetworkTappedModel m = NetworkTappedModel.of(net);
        Path out = tmp.resolve("nan");
        TapNaNException e = assertThrows(TapNaNException.class, () -> TapRecorder.builder().model(m)
                .taps(List.of("0.post", "hidden.pre")).exporter("npy").outputDir(out).batchSize(4).build()
                .record(SyntheticProbes.parse("gaussian:10", 6, 1)));
        assertEquals("hidden.pre", e.tapName());
        assertEquals(0, e.row());
        assertEquals(1, e.column());
        assertEquals(4, e.nanCount());
        assertTrue(e.getMessage().contains("tap 'hidden.pre' read NaN at source row 0, column 1"), e.getMessage());
        assertFalse(Files.exists(out.resolve("hidden.pre.npy")));

        Path out2 = tmp.resolve("nan2");
        RecordingSummary s = TapRecorder.builder().model(m).taps(List.of("0.post", "hidden.pre")).exporter("npy")
                .outputDir(out2).batchSize(4).nanPolicy(NanPolicy.WRITE).build()
                .record(SyntheticProbes.parse("gaussian:10", 6, 1));
        assertEquals(10L, s.nanCounts().get("hidden.pre"));
        assertEquals(0L, s.nanCounts().get("0.post"));
        assertTrue(s.toText().contains("hidden.pre=10"), s.toText());
        ExportManifest man = ExportManifest.read(out2.resolve("manifest.json"));
        assertEquals(10L, man.taps().get(1).nanCount());
        float[] v = NpyFiles.load(out2.resolve("hidden.pre.npy")).data();
        for (int r = 0; r < 10; r++) {
            assertTrue(Float.isNaN(v[r * 4 + 1]));
            assertTrue(Float.isFinite(v[r * 4]));
        }
    }
}
