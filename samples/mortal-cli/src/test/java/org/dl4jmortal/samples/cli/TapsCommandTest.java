package org.dl4jmortal.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.probe.record.DataSetIteratorSource;
import org.dl4jmortal.probe.record.ExportManifest;
import org.dl4jmortal.probe.tap.NetworkTappedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine;

class TapsCommandTest {
    @TempDir
    static Path tmp;
    static File modelZip;
    static MultiLayerNetwork net;

    @BeforeAll
    static void saveModel() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        modelZip = tmp.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, modelZip, false);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(TapsCommand cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Shape from an NPY 1.0 header, parsed here from the spec (magic, version, LE uint16 length, dict). */
    private static long[] npyShape(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int len = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        String dict = new String(b, 10, len, StandardCharsets.US_ASCII);
        String shape = dict.substring(dict.indexOf("'shape': (") + 10, dict.indexOf(')'));
        String[] parts = shape.split(", ");
        long[] s = {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        assertEquals(b.length - 10 - len, s[0] * s[1] * 4, "data bytes match the shape");
        return s;
    }

    @Test
    void exportsEveryTapOfAModelZipAndPrintsTheSummary() throws Exception {
        Path out = tmp.resolve("taps");
        Run r = run(new TapsCommand(), "--model", modelZip.getPath(), "--synthetic", "gaussian:50", "--out",
                out.toString(), "--batch", "16", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rows 50, bytes ") && r.out().contains("MB/s"), r.out());
        ExportManifest m = ExportManifest.read(out.resolve("manifest.json"));
        assertEquals(List.of("0.pre", "0.post", "1.pre", "1.post"), m.taps().stream().map(ExportManifest.TapEntry::name).toList());
        for (ExportManifest.TapEntry e : m.taps()) {
            long[] shape = npyShape(out.resolve(e.file()));
            assertEquals(e.shape(), List.of(shape[0], shape[1]));
        }
        assertEquals(50L, m.ledger().get("queries"));
        Run again = run(new TapsCommand(), "--model", modelZip.getPath(), "--synthetic", "gaussian:50", "--out",
                out.toString(), "--no-progress");
        assertEquals(3, again.code());
        assertTrue(again.err().contains("--resume") && again.err().contains("--force"), again.err());
    }

    @Test
    void chipAndDataFolderGoThroughTheirLoaders() throws Exception {
        INDArray train = Nd4j.rand(DataType.FLOAT, 20, 8);
        INDArray test = Nd4j.rand(DataType.FLOAT, 7, 8);
        DataFolderLoader data = (dir, batch) -> List.of(
                new DataSetIteratorSource.Part("train", iterator(train, batch), 20),
                new DataSetIteratorSource.Part("test", iterator(test, batch), 7));
        ChipLoader chip = file -> NetworkTappedModel.of(net);
        Path out = tmp.resolve("chip");
        Run r = run(new TapsCommand(chip, data), "--chip", "whatever.chip", "--data", tmp.toString(), "--taps",
                "1.post,output", "--format", "csv", "--out", out.toString(), "--batch", "4", "--no-progress");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("output.csv"));
        assertEquals(28, lines.size());
        // the same batches of 4 rows the export used (gemm results may differ in the last bit with the batch size)
        INDArray all = Nd4j.vstack(train, test);
        List<INDArray> batches = new ArrayList<>();
        for (int from = 0; from < 27; from += 4) {
            batches.add(net.output(all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, Math.min(27, from + 4)),
                    org.nd4j.linalg.indexing.NDArrayIndex.all())));
        }
        INDArray expected = Nd4j.vstack(batches.toArray(new INDArray[0]));
        for (int i = 0; i < 27; i++) {
            String[] c = lines.get(i + 1).split(",");
            for (int j = 0; j < 3; j++) {
                assertEquals(expected.getFloat(i, j), Float.parseFloat(c[j]));
            }
        }
        ExportManifest m = ExportManifest.read(out.resolve("manifest.json"));
        assertTrue(m.source().description().endsWith("train (20 rows) then test (7 rows)"), m.source().description());
    }

    private static ListDataSetIterator<DataSet> iterator(INDArray x, int batch) {
        List<DataSet> l = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) {
            l.add(new DataSet(x.getRow(i, true).dup(), Nd4j.zeros(DataType.FLOAT, 1, 3)));
        }
        return new ListDataSetIterator<>(l, batch);
    }

    @Test
    void badInputsExitWithClearErrors() throws Exception {
        Path notModel = tmp.resolve("notes.zip");
        Files.writeString(notModel, "plain text");
        Run r = run(new TapsCommand(), "--model", notModel.toString(), "--synthetic", "gaussian:5", "--out",
                tmp.resolve("x").toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("not a DL4J model zip: " + notModel.toAbsolutePath()), r.err());
        Run unknown = run(new TapsCommand(), "--model", modelZip.getPath(), "--synthetic", "gaussian:5", "--taps",
                "0.pre,9.post", "--out", tmp.resolve("y").toString());
        assertEquals(3, unknown.code());
        assertTrue(unknown.err().contains("unknown tap '9.post'; valid taps: [0.pre, 0.post, 1.pre, 1.post, output]"),
                unknown.err());
        Run both = run(new TapsCommand(), "--model", modelZip.getPath(), "--synthetic", "gaussian:5", "--resume",
                "--force");
        assertEquals(3, both.code());
        assertTrue(both.err().contains("exclude each other"), both.err());
        Run format = run(new TapsCommand(), "--model", modelZip.getPath(), "--synthetic", "gaussian:5", "--format",
                "hdf5", "--out", tmp.resolve("z").toString());
        assertEquals(3, format.code());
        assertTrue(format.err().contains("unknown exporter 'hdf5'") && format.err().contains("[csv, dl4j, npy]"),
                format.err());
        Run noChip = run(new TapsCommand(), "--chip", "a.chip", "--synthetic", "gaussian:5");
        assertEquals(3, noChip.code());
        assertTrue(noChip.err().contains("a.chip") && noChip.err().contains("does not exist"), noChip.err());
        Run twoModels = run(new TapsCommand(), "--chip", "a.chip", "--model", "b.zip", "--synthetic", "gaussian:5");
        assertEquals(2, twoModels.code());
        assertTrue(twoModels.err().contains("mutually exclusive"), twoModels.err());
    }
}
