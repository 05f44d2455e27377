package org.dl4jmortal.probe.reconstruct;

import java.io.DataInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.Reconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The acceptance measurement of issue 6 (long: not a unit test). Usage:
 * {@code ReconstructionMeasurement FASHION_DIR CACHE_DIR [relu|tanh|sigmoid] [pre|post] [device] [budget] [method]}.
 * Trains (or loads from the cache) a 784-256-128-10 MLP on Fashion-MNIST, converts it, sets the clock to one day,
 * reconstructs and prints per-layer rel_error, crlb_rel_error, their ratio, agreement, queries and seconds.
 */
public final class ReconstructionMeasurement {
    private ReconstructionMeasurement() {
    }

    static INDArray images(File f, int limit) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(f), 1 << 16))) {
            in.readInt();
            int n = Math.min(limit, in.readInt());
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] b = new byte[n * rows * cols];
            in.readFully(b);
            float[] v = new float[b.length];
            for (int i = 0; i < b.length; i++) {
                v[i] = (b[i] & 0xff) / 255f;
            }
            return Nd4j.create(v, new long[] {n, (long) rows * cols}, DataType.FLOAT);
        }
    }

    static INDArray labels(File f, int limit) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(f)))) {
            in.readInt();
            int n = Math.min(limit, in.readInt());
            byte[] b = new byte[n];
            in.readFully(b);
            INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
            for (int i = 0; i < n; i++) {
                y.putScalar(i, b[i], 1f);
            }
            return y;
        }
    }

    static MultiLayerNetwork train(File dir, File cache, Activation a) throws IOException {
        File f = new File(cache, "mlp-" + a.name().toLowerCase() + ".zip");
        if (f.exists()) {
            return ModelSerializer.restoreMultiLayerNetwork(f, false);
        }
        INDArray x = images(new File(dir, "train-images-idx3-ubyte.gz"), 60000);
        INDArray y = labels(new File(dir, "train-labels-idx1-ubyte.gz"), 60000);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(a).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(a).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build()).build());
        net.init();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = 0; i < 60000; i += 128) {
                int e = Math.min(60000, i + 128);
                net.fit(new DataSet(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, e)),
                        y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, e))));
            }
        }
        cache.mkdirs();
        ModelSerializer.writeModel(net, f, false);
        return net;
    }

    /**
     * @param args see the class comment
     * @throws Exception on I/O failure
     */
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        File cache = new File(args[1]);
        Activation a = Activation.valueOf(args.length > 2 ? args[2].toUpperCase() : "RELU");
        boolean post = args.length > 3 && args[3].equals("post");
        String device = args.length > 4 ? args[4] : "pcm";
        long budget = args.length > 5 ? Long.parseLong(args[5]) : 200000;
        String method = args.length > 6 ? args[6] : "least-squares";
        MultiLayerNetwork digital = train(dir, cache, a);
        INDArray testX = images(new File(dir, "t10k-images-idx3-ubyte.gz"), 10000);
        INDArray testY = labels(new File(dir, "t10k-labels-idx1-ubyte.gz"), 10000);
        System.out.printf("digital %s accuracy %.4f%n", a, accuracy(digital.output(testX), testY));
        Map<String, Double> overrides = new java.util.LinkedHashMap<>(Map.of("outputBits", 8.0));
        for (int i = 7; i < args.length; i++) {
            String[] kv = args[i].split("=");
            overrides.put(kv[0], Double.parseDouble(kv[1]));
        }
        AnalogChip chip = new AnalogConverter(device, overrides, 7).convert(digital, "measure").chip();
        chip.setSecondsSinceProgramming(86400);
        TappedModel model = post ? org.dl4jmortal.probe.tap.PostActivationTaps.of(chip) : chip;
        ReconstructionRequest req = ReconstructionRequest.builder().budget(budget).seed(11)
                .differences(ReconstructionRequest.Differences.FORWARD)
                .noiseModel(chip.evaluationOracle()::preTapNoiseVariance).build();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        Reconstruction r = method.equals("finite-difference")
                ? new FiniteDifferenceReconstructor().reconstruct(model, req)
                : new LeastSquaresReconstructor().reconstruct(model, req);
        double cpuSeconds = (os.getProcessCpuTime() - cpu0) * 1e-9;
        Map<String, Double> err = ReconstructedNetworks.relativeErrors(r, chip.evaluationOracle().effectiveWeights());
        for (LayerReconstruction l : r.layers()) {
            double e = err.get(l.layerName());
            System.out.printf("%s %s: rel_error %.4g crlb %.4g ratio %.3f est %.4g queries %d dead %d (%s)%n",
                    l.layerName(), l.activation(), e, l.crlbRelError(), e / l.crlbRelError(), l.estimatedRelError(),
                    l.queries(), l.deadUnits().length, l.note());
        }
        if (System.getenv("DIAG") != null) {
            INDArray w2 = r.layers().get(2).weights().castTo(DataType.DOUBLE);
            INDArray t2 = chip.evaluationOracle().effectiveWeights("layer2").castTo(DataType.DOUBLE);
            INDArray probes = ProbeDesigns.rows(ReconstructionRequest.Design.RADEMACHER, 11, 0, 4000, 784, 1.0, 200.0 / 784);
            INDArray act = chip.evaluationOracle().noiseFree(probes).get("layer1");
            INDArray activity = act.gt(0).castTo(DataType.DOUBLE).mean(0);
            INDArray rowErr = w2.sub(t2).norm2(1);
            INDArray rowNorm = t2.norm2(1);
            for (int i = 0; i < 128; i++) {
                if (rowErr.getDouble(i) > 0.5 * rowNorm.getDouble(i)) {
                    System.out.printf("row %d err %.3g norm %.3g activity %.4f mean act %.3g%n", i, rowErr.getDouble(i),
                            rowNorm.getDouble(i), activity.getDouble(i), act.getColumn(i).meanNumber().doubleValue());
                }
            }
        }
        INDArray noiseFree = chip.evaluationOracle().noiseFreeOutput(testX);
        INDArray rebuilt = ReconstructedNetworks.toNetwork(r).output(testX);
        System.out.printf("%s %s %s taps: agreement %.4f, chip noise-free accuracy %.4f, queries %d, seconds %.1f wall, %.1f cpu%n",
                device, a, post ? "post" : "pre", agreement(rebuilt, noiseFree), accuracy(noiseFree, testY),
                r.queries(), r.seconds(), cpuSeconds);
    }

    static double accuracy(INDArray p, INDArray y) {
        return agreement(p, y);
    }

    static double agreement(INDArray a, INDArray b) {
        INDArray ia = a.argMax(1);
        INDArray ib = b.argMax(1);
        return ia.eq(ib).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }
}
