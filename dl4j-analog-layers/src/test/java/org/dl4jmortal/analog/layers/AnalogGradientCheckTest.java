package org.dl4jmortal.analog.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's own gradient check in double precision through ideal analog layers: the digital first layer's weight
 * gradients check the epsilons the analog layers propagate, and the digital biases of the analog layers are checked
 * directly. Device state is excluded (it is not trained by gradients; DESIGN.md DL4J notes).
 */
class AnalogGradientCheckTest extends BaseDL4JTest {

    @Override
    public DataType getDataType() {
        return DataType.DOUBLE;
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "TANH", "SIGMOID", "RELU", "SOFTMAX"})
    void gradientsMatchFiniteDifferences(Activation hidden) {
        Nd4j.getRandom().setSeed(12345);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new AnalogDenseLayer.Builder().nIn(5).nOut(6).activation(hidden).device("ideal")
                        .biasInit(0.1).build())
                .layer(new AnalogOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).device("ideal").build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 10, 4).subi(0.5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 10, 3);
        for (int i = 0; i < 10; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        Set<String> exclude = new HashSet<>();
        for (int layer = 1; layer <= 2; layer++) {
            for (String key : AnalogParams.PROGRAMMED_PAIR_KEYS) {
                if (AnalogParams.isDeviceState(key)) {
                    exclude.add(layer + "_" + key);
                }
            }
        }
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                .labels(labels).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8).excludeParams(exclude));
        assertTrue(ok, "gradient check failed for hidden activation " + hidden);
    }
}
