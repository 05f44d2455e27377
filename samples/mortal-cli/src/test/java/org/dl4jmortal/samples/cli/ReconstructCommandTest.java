package org.dl4jmortal.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine;

class ReconstructCommandTest {

    @Test
    void writesMetricsAndNetwork(@TempDir Path dir) throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(12).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(12).nOut(4)
                        .activation(Activation.SOFTMAX).build()).build());
        net.init();
        AnalogChip chip = new AnalogConverter("ideal", Map.of(), 3).convert(net, "test").chip();
        File chipFile = dir.resolve("chip.zip").toFile();
        chip.save(chipFile);
        ReconstructCommand cmd = new ReconstructCommand();
        cmd.setTestImages(limit -> KeyedRandom.uniform(KeyedRandom.key(2, "x"), DataType.FLOAT, 200, 20));
        int code = new CommandLine(cmd).execute("--chip", chipFile.getPath(), "--at", "1d", "--method",
                "finite-difference", "--out", dir.resolve("out").toString());
        assertEquals(0, code);
        JsonNode m = new ObjectMapper().readTree(dir.resolve("out/metrics.json").toFile()).get("reconstruct");
        assertEquals("finite-difference", m.get("method").asText());
        assertEquals(1.0, m.get("agreement").asDouble(), 0.0, "an ideal chip is reconstructed exactly");
        assertEquals(2, m.get("layers").size());
        assertEquals(21, m.get("layers").get(0).get("queries").asLong(), "nIn + 1 forward differences");
        assertTrue(m.get("layers").get(0).get("rel_error").asDouble() <= 1e-4);
        assertTrue(m.get("queries").asLong() > 21);
        assertEquals(86400.0, m.get("at_seconds").asDouble(), 1e-3);
        MultiLayerNetwork rebuilt = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("out/reconstructed.zip").toFile());
        assertEquals(2, rebuilt.getnLayers());
    }

    @Test
    void unknownMethodAndBadTimeAreRejected(@TempDir Path dir) throws Exception {
        assertEquals(86400.0, ReconstructCommand.parseSeconds("1d"));
        assertEquals(90.0, ReconstructCommand.parseSeconds("1.5m"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ReconstructCommand.parseSeconds("soon"));
        assertTrue(e.getMessage().contains("--at"));
        int code = new CommandLine(new ReconstructCommand()).execute("--chip", dir.resolve("none.zip").toString());
        assertNotEquals(0, code);
    }
}
