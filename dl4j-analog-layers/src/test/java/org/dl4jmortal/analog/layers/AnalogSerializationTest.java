package org.dl4jmortal.analog.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** JSON configuration and ModelSerializer round trips restore configs and all device state. */
class AnalogSerializationTest extends BaseDL4JTest {

    private static MultiLayerConfiguration pcmConf() {
        return new NeuralNetConfiguration.Builder().seed(99).list()
                .layer(new AnalogDenseLayer.Builder().name("hidden").nIn(12).nOut(9).activation(Activation.RELU)
                        .device("pcm").parameter("readNoise", 0).parameter("outputNoise", 0)
                        .parameter("stuckAtZeroFraction", 0.05).seed(1234L).build())
                .layer(new AnalogOutputLayer.Builder().name("out").nIn(9).nOut(4).activation(Activation.SOFTMAX)
                        .device("pcm").parameter("readNoise", 0).parameter("outputNoise", 0).parameter("outputBits", 8)
                        .build())
                .build();
    }

    @Test
    void jsonRoundTripGivesEqualConfig() {
        MultiLayerConfiguration conf = pcmConf();
        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(conf.getConf(0).getLayer(), back.getConf(0).getLayer());
        assertEquals(json, back.toJson());
    }

    @Test
    void modelSerializerRestoresAllDeviceStateAndOutputs(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(pcmConf());
        net.init();
        AnalogCrossbar hidden = ((AnalogLayer) net.getLayer(0)).crossbar();
        hidden.setSecondsSinceProgramming(86_400.0);
        ((AnalogLayer) net.getLayer(1)).crossbar().setSecondsSinceProgramming(86_400.0);
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 12);
        INDArray before = net.output(x);

        File f = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(f, true);

        for (String key : AnalogParams.PROGRAMMED_PAIR_KEYS) {
            assertEquals(net.getLayer(0).getParam(key), restored.getLayer(0).getParam(key), key);
        }
        AnalogCrossbar restoredHidden = ((AnalogLayer) restored.getLayer(0)).crossbar();
        assertEquals(86_400.0, restoredHidden.secondsSinceProgramming(), 1e-3);
        assertEquals(1234L, restoredHidden.seed());
        assertEquals(hidden.seed(), restoredHidden.seed());
        assertEquals(before, restored.output(x));
        // some devices are stuck (5 % of each array of 108) and the fault map survived the round trip
        assertNotEquals(0.0, net.getLayer(0).getParam(AnalogParams.FAULT_PLUS).sumNumber().doubleValue());
    }

    @Test
    void unknownDeviceNameListsInstalledDevices() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new AnalogOutputLayer.Builder().nIn(3).nOut(2).activation(Activation.SOFTMAX).device("no-such-device").build()).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MultiLayerNetwork(conf).init());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("no-such-device")
                && e.getMessage().contains("pcm") && e.getMessage().contains("ideal"), e.getMessage());
    }

    @Test
    void badParameterValuesNameTheValueAndTheRange() {
        for (Map.Entry<String, Double> bad : Map.of("outputBits", 1.0, "inputBits", 25.0, "gMax", 0.0).entrySet()) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                    .layer(new AnalogOutputLayer.Builder().nIn(3).nOut(2).activation(Activation.SOFTMAX).parameter(bad.getKey(), bad.getValue())
                            .build()).build();
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new MultiLayerNetwork(conf).init());
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }
}
