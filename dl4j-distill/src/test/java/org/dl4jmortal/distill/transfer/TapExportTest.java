package org.dl4jmortal.distill.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.distill.method.KdDistiller;
import org.dl4jmortal.distill.student.MlpSpec;
import org.dl4jmortal.distill.student.NetworkStudent;
import org.dl4jmortal.probe.record.SyntheticProbes;
import org.dl4jmortal.probe.record.TapRecorder;
import org.dl4jmortal.probe.tap.NetworkTappedModel;
import org.dl4jmortal.spi.distill.DistillationResult;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.TransferSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A tap export written by the probe's recorder, read back as a recorded transfer set. */
class TapExportTest extends BaseDL4JTest {
    private static final int ROWS = 300;

    @Override
    public DataType getDataType() {
        return DataType.FLOAT;
    }

    private static NetworkTappedModel teacher() {
        MultiLayerNetwork net = new MlpSpec(List.of(6, 5, 3)).digital(4, 1e-3);
        return NetworkTappedModel.of(net);
    }

    private static void record(NetworkTappedModel model, Path dir, String format, List<String> taps) throws Exception {
        TapRecorder.builder().model(model).taps(taps).exporter(format).outputDir(dir).seed(7).batchSize(100).build()
                .record(new SyntheticProbes(SyntheticProbes.Kind.GAUSSIAN, ROWS, 6, 7));
    }

    @Test
    void recordedOutputsAndTapsAreReadBackAndDistilledWithoutQueries(@TempDir Path dir) throws Exception {
        NetworkTappedModel model = teacher();
        record(model, dir, "npy", List.of("hidden1.post", "output.post"));
        TapExport export = TapExport.open(dir);
        INDArray inputs = export.syntheticInputs().orElseThrow();
        assertEquals(SyntheticTransfer.readAll(new SyntheticProbes(SyntheticProbes.Kind.GAUSSIAN, ROWS, 6, 7)), inputs,
                "the synthetic inputs are regenerated from the manifest's description and seed");
        TransferSet t = export.load(inputs, List.of("hidden1.post"));
        assertTrue(t.recorded());
        INDArray expected = model.output(inputs);
        assertEquals(0, t.teacherOutputs().sub(expected).amaxNumber().doubleValue(), 1e-6,
                "the last .post tap holds the teacher's outputs");
        assertEquals(0, t.teacherTaps().get("hidden1.post").sub(model.query(inputs, List.of("hidden1.post"))
                .tap("hidden1.post")).amaxNumber().doubleValue(), 1e-6);
        long before = model.ledger().queries();
        DistillationResult r = new KdDistiller().distil(model, NetworkStudent.of(new MlpSpec(List.of(6, 4, 3))
                .digital(1, 1e-2)), t, DistillationSettings.builder().epochs(2).build());
        assertEquals(0, r.queries());
        assertEquals(before, model.ledger().queries(), "no query: the recording is reused");
        assertEquals("recorded", r.teacherOutputs());
        assertEquals(100, export.load(inputs.getRows(java.util.stream.IntStream.range(0, 100).toArray()), List.of())
                .rows());
    }

    @Test
    void wrongWidthUnknownTapAndOtherFormatsAreRejected(@TempDir Path dir) throws Exception {
        NetworkTappedModel model = teacher();
        Path npy = dir.resolve("npy");
        record(model, npy, "npy", List.of("output.post"));
        TapExport export = TapExport.open(npy);
        INDArray narrow = SyntheticTransfer.readAll(new SyntheticProbes(SyntheticProbes.Kind.GAUSSIAN, 10, 5, 7));
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> export.load(narrow, List.of()));
        assertTrue(width.getMessage().contains("the transfer rows have 5 values but the export"), width.getMessage());
        INDArray inputs = export.syntheticInputs().orElseThrow();
        IllegalArgumentException tap = assertThrows(IllegalArgumentException.class,
                () -> export.load(inputs, List.of("hidden1.post")));
        assertTrue(tap.getMessage().contains("has no tap 'hidden1.post'; recorded: [output.post]"), tap.getMessage());
        Path csv = dir.resolve("csv");
        record(model, csv, "csv", List.of("output.post"));
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> TapExport.open(csv));
        assertTrue(format.getMessage().contains("distillation reads npy exports"), format.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TapExport.open(dir.resolve("missing")));
        assertTrue(none.getMessage().contains("holds no manifest.json"), none.getMessage());
    }
}
