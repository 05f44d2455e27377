package org.dl4jmortal.analog.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.dl4jmortal.analog.layers.AnalogLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** In-place (mortal) training inside DL4J's fit(): pulses, not a digital copy, move the devices. */
class InPlaceTrainingTest extends BaseDL4JTest {

    /**
     * An idealised constant-step device: no spreads, no cycle-to-cycle noise, tiny steps, long trains, ideal periphery,
     * plain pulsed SGD (Tiki-Taka off).
     */
    static Map<String, Double> idealPulsed() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("dwMin", 1e-5);
        m.put("dwMinDtod", 0.0);
        m.put("dwMinStd", 0.0);
        m.put("wMinDtod", 0.0);
        m.put("wMaxDtod", 0.0);
        m.put("upDownDtod", 0.0);
        m.put("wMin", -1.0);
        m.put("wMax", 1.0);
        m.put("bitLength", 1000.0);
        m.put("bitLengthManagement", 0.0);
        m.put("inputQuantization", 0.0);
        m.put("outputQuantization", 0.0);
        m.put("outputNoise", 0.0);
        m.put("noiseManagement", 0.0);
        m.put("boundManagement", 0.0);
        m.put(UpdateConfig.TIKI_TAKA, 0.0);
        return m;
    }

    private static MultiLayerNetwork net(boolean analog, double lr) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(lr)).weightInit(WeightInit.XAVIER).list();
        if (analog) {
            b.layer(new AnalogDenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).device("constant-step")
                    .parameters(idealPulsed()).seed(11).build());
            b.layer(new AnalogOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                    .activation(Activation.SOFTMAX).device("constant-step").parameters(idealPulsed()).seed(12).build());
        } else {
            b.layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build());
            b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                    .activation(Activation.SOFTMAX).build());
        }
        MultiLayerNetwork n = new MultiLayerNetwork(b.build());
        n.init();
        return n;
    }

    private static DataSet data() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 6).subi(0.5).muli(2);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    @Test
    void idealPulsedDeviceMatchesDigitalSgd() {
        Nd4j.getRandom().setSeed(5);
        DataSet ds = data();
        MultiLayerNetwork analog = net(true, 0.1);
        MultiLayerNetwork digital = net(false, 0.1);
        // start from the same weights: program the analog layers with the digital initial weights
        for (int i = 0; i < 2; i++) {
            ((AnalogLayer) analog.getLayer(i)).crossbar().program(digital.getLayer(i).getParam("W"),
                    digital.getLayer(i).getParam("b"));
        }
        for (int step = 0; step < 20; step++) {
            analog.fit(ds);
            digital.fit(ds);
        }
        for (int i = 0; i < 2; i++) {
            INDArray wDigital = digital.getLayer(i).getParam("W");
            INDArray wAnalog = analog.getLayer(i).getParam(AnalogParams.W_DEVICE)
                    .mulRowVector(analog.getLayer(i).getParam(AnalogParams.W_SCALE));
            double moved = wDigital.sub(net(false, 0.1).getLayer(i).getParam("W")).norm2Number().doubleValue();
            double diff = wDigital.sub(wAnalog).norm2Number().doubleValue();
            // 20 SGD steps move the weights by `moved`; the pulsed copy must track them within 5 % of that distance
            // (with dwMin 1e-5 and BL 1000 the pulse-count noise is about 1e-3 of the step, the rest is float error)
            assertTrue(diff < 0.05 * moved, "layer " + i + ": |W_digital - W_analog| = " + diff + ", moved " + moved);
            assertEquals(20.0, analog.getLayer(i).getParam(AnalogParams.STATE)
                    .getDouble(0, AnalogParams.STATE_UPDATE_COUNT), 0.0);
        }
        assertEquals(digital.score(ds), analog.score(ds), 1e-3);
    }

    private static org.deeplearning4j.nn.api.Layer mappedLayer(double omega, boolean columnwise) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("weightScalingOmega", omega);
        m.put("weightScalingColumnwise", columnwise ? 1.0 : 0.0);
        m.put("wMaxDtod", 0.0);
        m.put("wMinDtod", 0.0);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new AnalogDenseLayer.Builder().nIn(3).nOut(2).activation(Activation.IDENTITY)
                        .device("soft-bounds").parameters(m).seed(5).build()).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        org.deeplearning4j.nn.api.Layer layer = n.getLayer(0);
        // column maxima 0.3 and 0.06; soft-bounds wMax is 0.6 (aihwkit SoftBoundsDevice default)
        ((AnalogLayer) layer).crossbar().program(Nd4j.createFromArray(new double[][] {{0.3, -0.06}, {-0.1, 0.02}, {0.05, 0.0}}),
                null);
        return layer;
    }

    @Test
    void weightScalingOmegaMapsTheLargestTargetToOmegaWMax() {
        // per layer: wScale = 0.3 / (0.5 * 0.6) = 1, both columns
        org.deeplearning4j.nn.api.Layer layer = mappedLayer(0.5, false);
        assertEquals(1.0, layer.getParam(AnalogParams.W_SCALE).getDouble(0, 0), 1e-6);
        assertEquals(1.0, layer.getParam(AnalogParams.W_SCALE).getDouble(0, 1), 1e-6);
        // omega 0.25: wScale = 0.3 / 0.15 = 2, device states are the targets halved
        layer = mappedLayer(0.25, false);
        assertEquals(2.0, layer.getParam(AnalogParams.W_SCALE).getDouble(0, 0), 1e-6);
        assertEquals(0.15, layer.getParam(AnalogParams.W_DEVICE).getDouble(0, 0), 1e-6);
        assertEquals(-0.03, layer.getParam(AnalogParams.W_DEVICE).getDouble(0, 1), 1e-6);
        // columnwise, omega 0.5: column 1 has max 0.06 -> wScale 0.2, its largest state is 0.3 = 0.5 wMax
        layer = mappedLayer(0.5, true);
        assertEquals(1.0, layer.getParam(AnalogParams.W_SCALE).getDouble(0, 0), 1e-6);
        assertEquals(0.2, layer.getParam(AnalogParams.W_SCALE).getDouble(0, 1), 1e-6);
        assertEquals(-0.3, layer.getParam(AnalogParams.W_DEVICE).getDouble(0, 1), 1e-6);
        assertEquals(0.1, layer.getParam(AnalogParams.W_DEVICE).getDouble(1, 1), 1e-6);
        // the all-zero default (omega 0) keeps targets below 0.8 wMax unscaled
        layer = mappedLayer(0.0, false);
        assertEquals(1.0, layer.getParam(AnalogParams.W_SCALE).getDouble(0, 1), 0);
        assertEquals(0.3, layer.getParam(AnalogParams.W_DEVICE).getDouble(0, 0), 1e-6);
    }

    @Test
    void driftCompensationIsNeutralOnPulsedDevicesAfterInPlaceUpdates() {
        Nd4j.getRandom().setSeed(5);
        DataSet ds = data();
        MultiLayerNetwork analog = net(true, 0.5);
        for (int step = 0; step < 10; step++) {
            analog.fit(ds);
        }
        AnalogLayer layer = (AnalogLayer) analog.getLayer(0);
        layer.crossbar().setDriftCompensationOverride(true);
        layer.crossbar().setSecondsSinceProgramming(31_536_000);
        // the weights moved since the first write, but a pulsed device has no drift: the factor must stay exactly 1
        assertEquals(1.0, layer.crossbar().driftCompensationFactor(), 0.0);
    }

    @Test
    void digitalLayersKeepTheirOwnUpdaterAndDeviceStateIsNeverDividedByTheBatch() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build())
                .layer(new AnalogOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).device("soft-bounds").updater(new Sgd(0.5)).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        INDArray digitalBefore = n.getLayer(0).getParam("W").dup();
        INDArray devicesBefore = n.getLayer(1).getParam(AnalogParams.W_DEVICE).dup();
        DataSet ds = data();
        for (int i = 0; i < 5; i++) {
            n.fit(ds);
        }
        assertTrue(n.getLayer(0).getParam("W").sub(digitalBefore).norm2Number().doubleValue() > 0);
        INDArray change = n.getLayer(1).getParam(AnalogParams.W_DEVICE).sub(devicesBefore);
        // every device moves by whole pulses of about dwMin = 0.001 (with 30 % spreads): never by fractions of a
        // pulse as a divided-by-batch step would
        double maxStep = change.amaxNumber().doubleValue();
        assertTrue(maxStep > 5e-4, "devices moved: " + maxStep);
    }

    @Test
    void divergenceStopsWithEpochStepLayerAndHint() {
        MultiLayerNetwork n = net(true, 0.1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6);
        x.putScalar(0, 0, Double.NaN);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.fit(new DataSet(x, y)));
        assertTrue(e.getMessage().contains("[0, 0]"), e.getMessage());
    }

    @Test
    void pcmHasNoPulseRule() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new AnalogOutputLayer.Builder().nIn(3).nOut(2).activation(Activation.SOFTMAX)
                        .device("pcm").build()).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        assertTrue(!((AnalogLayer) n.getLayer(0)).crossbar().isPulsed());
    }

    @Test
    void badUpdateParametersAreRejectedWithTheirRange() {
        for (Map.Entry<String, Double> bad : Map.of("bitLength", 0.0, "dwMin", 0.0, "upDown", 1.5).entrySet()) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                    .layer(new AnalogOutputLayer.Builder().nIn(3).nOut(2).activation(Activation.SOFTMAX)
                            .device("soft-bounds").parameter(bad.getKey(), bad.getValue()).build()).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MultiLayerNetwork(conf).init());
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
        MultiLayerConfiguration negative = new NeuralNetConfiguration.Builder().updater(new Sgd(-0.1)).list()
                .layer(new AnalogOutputLayer.Builder().nIn(3).nOut(2).activation(Activation.SOFTMAX)
                        .device("soft-bounds").build()).build();
        MultiLayerNetwork n = new MultiLayerNetwork(negative);
        n.init();
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 2);
        y.putScalar(0, 0, 1);
        y.putScalar(1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> n.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 2, 3), y)));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    }
}
