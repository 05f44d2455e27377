package org.dl4jmortal.distill;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.distill.student.MlpSpec;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small fixtures: a teacher network with a clear class structure, its chip, and transfer rows. */
final class TestNets {
    static final int IN = 12;
    static final int HIDDEN = 10;
    static final int OUT = 4;

    private TestNets() {
    }

    /** A random MLP 12-10-4 whose weights are scaled up so that its classes are well separated. */
    static MultiLayerNetwork teacherNetwork(long seed) {
        MultiLayerNetwork net = new MlpSpec(java.util.List.of(IN, HIDDEN, OUT)).digital(seed, 1e-3);
        net.params().muli(2.0);
        return net;
    }

    /** The teacher network programmed into a PCM chip (programming noise, read noise, converters). */
    static AnalogChip teacherChip(long seed) {
        return new AnalogConverter("pcm", Map.of(), seed).convert(teacherNetwork(seed), "test").chip();
    }

    /** Uniform rows on [0, 1). */
    static INDArray rows(long seed, int n) {
        return KeyedRandom.uniform(KeyedRandom.key(seed, "test-rows"), DataType.FLOAT, n, IN);
    }

    /** One-hot labels of the given classes. */
    static INDArray oneHot(int[] classes, int k) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, classes.length, k);
        for (int i = 0; i < classes.length; i++) {
            y.putScalar(i, classes[i], 1f);
        }
        return y;
    }
}
