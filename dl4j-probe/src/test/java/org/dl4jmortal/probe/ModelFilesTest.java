package org.dl4jmortal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.probe.tap.ModelFiles;
import org.dl4jmortal.probe.tap.NetworkTappedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFilesTest extends BaseDL4JTest {
    @TempDir
    Path tmp;

    @Test
    void restoresNetworksAndGraphs() throws Exception {
        MultiLayerNetwork net = TestNets.mlp(6, 5, 4, 3, 4);
        File f = tmp.resolve("mlp.zip").toFile();
        ModelSerializer.writeModel(net, f, false);
        ComputationGraph g = TestNets.graph(6, 4);
        File gf = tmp.resolve("graph.zip").toFile();
        ModelSerializer.writeModel(g, gf, false);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 6);
        NetworkTappedModel m = ModelFiles.load(f);
        assertEquals(net.output(x), m.output(x));
        NetworkTappedModel mg = ModelFiles.load(gf);
        assertEquals(g.outputSingle(x), mg.output(x));
        assertEquals("d1.pre", mg.taps().get(0).name());
    }

    @Test
    void filesThatAreNotModelsAreNamedAsSuch() throws Exception {
        Path text = tmp.resolve("notes.zip");
        Files.writeString(text, "not a zip at all");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(text.toFile()));
        assertTrue(e.getMessage().startsWith("not a DL4J model zip: " + text.toAbsolutePath()), e.getMessage());
        Path zip = tmp.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(new FileOutputStream(zip.toFile()))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes());
        }
        IllegalArgumentException ez = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(zip.toFile()));
        assertTrue(ez.getMessage().startsWith("not a DL4J model zip") && ez.getMessage().contains("configuration.json"),
                ez.getMessage());
        Path broken = tmp.resolve("broken.zip");
        try (ZipOutputStream z = new ZipOutputStream(new FileOutputStream(broken.toFile()))) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.write("{\"confs\": 17}".getBytes());
        }
        IllegalArgumentException eb = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(broken.toFile()));
        assertTrue(eb.getMessage().startsWith("not a DL4J model zip") && eb.getMessage().contains("restoring"),
                eb.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.load(tmp.resolve("absent.zip").toFile()));
        assertTrue(missing.getMessage().startsWith("model file not found"), missing.getMessage());
    }
}
