package org.dl4jmortal.samples.bench;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * Forward pass of one 784 to 512 layer at batch 256 (issue 2, item 9): DL4J's {@code DenseLayer} against
 * {@code AnalogDenseLayer} with PCM devices in two settings, measured in one run so the ratios are comparable:
 * <ul>
 *   <li>{@code analogLean}: 8-bit DAC and ADC, noise management on, short-term read noise and bound management off
 *   (target: at most 1.5x the digital time);</li>
 *   <li>{@code analogFull}: every default effect on (7-bit DAC, 9-bit ADC, read noise, output noise, noise and bound
 *   management; target: at most 2.5x, the read noise costs a second matrix product).</li>
 * </ul>
 * Run: {@code ./mortal bench} (or {@code java -cp ... org.openjdk.jmh.Main AnalogForwardBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class AnalogForwardBenchmark {
    private Layer digital;
    private Layer analogLean;
    private Layer analogFull;
    private INDArray input;

    /** Builds the three layers and a fixed input batch {@code [256, 784]} in [0, 1]. */
    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(42);
        input = Nd4j.rand(DataType.FLOAT, 256, 784);
        digital = layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build());
        analogLean = layer(new AnalogDenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU)
                .device("pcm").parameter("inputBits", 8).parameter("outputBits", 8).parameter("readNoise", 0)
                .parameter("boundManagement", 0).seed(1).build());
        analogFull = layer(new AnalogDenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU)
                .device("pcm").seed(2).build());
        // warm the effective-conductance cache (drift, 1/f) so the benchmark measures reads only
        analogLean.activate(input, false, LayerWorkspaceMgr.noWorkspaces());
        analogFull.activate(input, false, LayerWorkspaceMgr.noWorkspaces());
    }

    private static Layer layer(org.deeplearning4j.nn.conf.layers.Layer conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).list().layer(conf)
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(512).nOut(10).build())
                .build());
        net.init();
        return net.getLayer(0);
    }

    /** @return DL4J DenseLayer output {@code [256, 512]} */
    @Benchmark
    public INDArray digital() {
        return digital.activate(input, false, LayerWorkspaceMgr.noWorkspaces());
    }

    /** @return AnalogDenseLayer output, 8-bit converters, no read noise, no bound management */
    @Benchmark
    public INDArray analogLean() {
        return analogLean.activate(input, false, LayerWorkspaceMgr.noWorkspaces());
    }

    /** @return AnalogDenseLayer output, every default non-ideality on */
    @Benchmark
    public INDArray analogFull() {
        return analogFull.activate(input, false, LayerWorkspaceMgr.noWorkspaces());
    }
}
