package org.dl4jmortal.probe.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Resume against a noisy PCM chip (read noise follows the chip's sequence of reads): a stopped export resumed from a
 * freshly loaded chip image gives files byte-identical to an uninterrupted export (the analog module is a test fixture).
 */
class ChipResumeTest {
    @TempDir
    Path tmp;

    private static TapRecorder.Builder recorder(AnalogChip chip, Path out, OutputMode mode, RecordingObserver obs) {
        return TapRecorder.builder().model(chip).taps(TapRecorder.allTaps(chip)).exporter("npy").outputDir(out)
                .seed(5).batchSize(8).checkpointRows(16).mode(mode).observer(obs);
    }

    @Test
    void resumedChipExportIsByteIdentical() throws Exception {
        MultiLayerNetwork digital = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(7).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(7).nOut(3).activation(Activation.SOFTMAX).build()).build());
        digital.init();
        File image = tmp.resolve("chip.zip").toFile();
        new AnalogConverter("pcm", Map.of(), 9).convert(digital, "test").chip().save(image);

        Path whole = tmp.resolve("whole");
        recorder(AnalogChip.load(image), whole, OutputMode.NEW, new RecordingObserver() { }).build()
                .record(SyntheticProbes.parse("uniform:48", 12, 3));
        Path cut = tmp.resolve("cut");
        RecordingObserver killer = new RecordingObserver() {
            @Override
            public void batchWritten(long rows, long total) {
                if (rows == 24) {
                    throw new IllegalStateException("deliberate interruption");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> recorder(AnalogChip.load(image), cut, OutputMode.NEW, killer)
                .build().record(SyntheticProbes.parse("uniform:48", 12, 3)));
        recorder(AnalogChip.load(image), cut, OutputMode.RESUME, new RecordingObserver() { }).build()
                .record(SyntheticProbes.parse("uniform:48", 12, 3));
        for (String tap : List.of("layer0.pre", "layer0.post", "layer1.pre", "layer1.post")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(tap + ".npy")), Files.readAllBytes(cut.resolve(tap + ".npy")),
                    tap);
        }
        // and the chip really is noisy: a second uninterrupted export from the same loaded chip reads other values
        AnalogChip again = AnalogChip.load(image);
        again.query(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 3, 12), List.of());
        Path shifted = tmp.resolve("shifted");
        recorder(again, shifted, OutputMode.NEW, new RecordingObserver() { }).build()
                .record(SyntheticProbes.parse("uniform:48", 12, 3));
        assertNotEquals(Files.size(shifted.resolve("layer0.pre.npy")) > 0 ? java.util.Arrays.hashCode(
                Files.readAllBytes(shifted.resolve("layer0.pre.npy"))) : 0,
                java.util.Arrays.hashCode(Files.readAllBytes(whole.resolve("layer0.pre.npy"))));
    }
}
