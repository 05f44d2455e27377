package org.dl4jmortal.samples.bench;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step at batch 128 (issue 3, item 7) of a 784 to 256 layer followed by a small digital softmax layer
 * (256 to 10), measured in one run: DL4J's {@code DenseLayer} with SGD against {@code AnalogDenseLayer} on the
 * {@code soft-bounds} device trained in place: by the default algorithm (Tiki-Taka: stochastic pulse trains onto the
 * fast array, one row transferred per sample), by plain pulsed SGD with stochastic trains (the step issue 3 item 7
 * names), and by plain pulsed SGD in the {@code mean-count} mode. The ratios of the analog steps to the digital one are
 * the reported figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class InPlaceStepBenchmark {
    private MultiLayerNetwork digital;
    private MultiLayerNetwork tikiTaka;
    private MultiLayerNetwork stochastic;
    private MultiLayerNetwork meanCount;
    private DataSet batch;

    /** Builds the four networks and a fixed batch {@code [128, 784]} with one-hot labels. */
    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 128, 10);
        for (int i = 0; i < 128; i++) {
            y.putScalar(i, i % 10, 1);
        }
        batch = new DataSet(x, y);
        digital = net(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build());
        tikiTaka = net(new AnalogDenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU)
                .device("soft-bounds").seed(3).build());
        stochastic = net(new AnalogDenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU)
                .device("soft-bounds").parameter("tikiTaka", 0).seed(1).build());
        meanCount = net(new AnalogDenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU)
                .device("soft-bounds").parameter("tikiTaka", 0).parameter("meanCount", 1).seed(2).build());
    }

    private static MultiLayerNetwork net(org.deeplearning4j.nn.conf.layers.Layer first) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list().layer(first)
                .layer(new OutputLayer.Builder().nIn(256).nOut(10).activation(Activation.SOFTMAX).build()).build());
        n.init();
        return n;
    }

    /** One digital SGD step. */
    @Benchmark
    public void digital() {
        digital.fit(batch);
    }

    /** One in-place Tiki-Taka step (the default): pulses onto the fast array, then 128 rows transferred. */
    @Benchmark
    public void inPlaceTikiTaka() {
        tikiTaka.fit(batch);
    }

    /** One in-place pulsed-SGD step with stochastic pulse trains (sample by sample, BL 31 with management). */
    @Benchmark
    public void inPlaceStochastic() {
        stochastic.fit(batch);
    }

    /** One in-place step with expected pulse counts. */
    @Benchmark
    public void inPlaceMeanCount() {
        meanCount.fit(batch);
    }
}
