package org.dl4jmortal.samples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.DataInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.EvaluationOracle;
import org.dl4jmortal.probe.reconstruct.LeastSquaresReconstructor;
import org.dl4jmortal.probe.reconstruct.ReconstructedNetworks;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.Reconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.dl4jmortal.spi.reconstruct.WeightReconstructor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mortal reconstruct}: rebuilds an equivalent DL4J network from a chip by probing it (issue 6, DESIGN.md §4),
 * and writes {@code reconstructed.zip} and {@code metrics.json}:
 * {@code {"reconstruct":{"method","queries","seconds","agreement","self_agreement"?,"layers":[{"name","rel_error",
 * "crlb_rel_error","estimated_rel_error","queries","dead_units","biased","note"}],"curve":[{"queries","layers":[...]}]}}}.
 * This is an evaluation run: the chip's evaluation oracle supplies the true noise for the Cramér–Rao bound, the true
 * weights for {@code rel_error} and the noise-free function for {@code agreement} (top-1 agreement on the test images
 * between the reconstructed network and the chip's noise-free function at that moment); the reconstructor itself
 * sees the chip only as a {@code TappedModel}. {@code curve} holds the error against queries with the bound beside
 * it (least squares: each time the queries double).
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Reconstruct a chip's weights by probing its taps; writes metrics.json and reconstructed.zip.")
public final class ReconstructCommand implements Callable<Integer> {

    /** Test images for the agreement, {@code [n, inputSize]} in the chip's input units. */
    @FunctionalInterface
    public interface TestImages {
        /**
         * @param limit most rows to return
         * @return the images {@code [n, inputSize]}
         * @throws IOException if they cannot be read
         */
        INDArray load(int limit) throws IOException;
    }

    @Option(names = "--chip", required = true, description = "chip image (chip.zip)")
    File chip;

    @Option(names = "--at", description = "time since programming: seconds, or with a unit s/m/h/d (e.g. 1d); "
            + "default: the chip's saved clock")
    String at;

    @Option(names = "--method", defaultValue = "least-squares",
            description = "finite-difference | least-squares (default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--budget", defaultValue = "0", description = "most queries (rows, repeats included); 0 = method default")
    long budget;

    @Option(names = "--target-error", description = "target relative error per layer, in (0, 1)")
    Double targetError;

    @Option(names = "--data", description = "folder with t10k-images-idx3-ubyte(.gz) for the agreement")
    File data;

    @Option(names = "--test-images", defaultValue = "10000", description = "test images used (default ${DEFAULT-VALUE})")
    int testImages;

    @Option(names = "--out", defaultValue = "out", description = "output folder (default ${DEFAULT-VALUE})")
    File out;

    @Option(names = "--differences", defaultValue = "forward",
            description = "finite differences: forward (nIn + 1 probes) | central (2 nIn) (default ${DEFAULT-VALUE})")
    String differences;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the probe design (default ${DEFAULT-VALUE})")
    long seed;

    private TestImages images;

    /** @param images the test-image source to use instead of {@code --data} (the root command may wire its own) */
    public void setTestImages(TestImages images) {
        this.images = images;
    }

    @Override
    public Integer call() throws Exception {
        if (!chip.isFile()) {
            throw new IllegalArgumentException("--chip " + chip + " is not a file");
        }
        AnalogChip c = AnalogChip.load(chip);
        if (at != null) {
            c.setSecondsSinceProgramming(parseSeconds(at));
        }
        WeightReconstructor reconstructor = MortalRegistry.global().get(PluginKind.RECONSTRUCTOR, method);
        EvaluationOracle oracle = c.evaluationOracle();
        ReconstructionRequest.Builder req = ReconstructionRequest.builder().budget(budget).seed(seed)
                .noiseModel(oracle::preTapNoiseVariance)
                .differences(parseDifferences(differences));
        if (targetError != null) {
            req.targetError(targetError);
        }
        Map<String, INDArray> truth = oracle.effectiveWeights();
        List<Map<String, Object>> curve = new ArrayList<>();
        Reconstruction r;
        if (reconstructor instanceof LeastSquaresReconstructor ls) {
            r = ls.reconstruct(c, req.build(), (q, layers) -> curve.add(Map.of("queries", q,
                    "layers", layerRows(new Reconstruction(method, layers, q, 0), truth))));
        } else {
            r = reconstructor.reconstruct(c, req.build());
            curve.add(Map.of("queries", r.queries(), "layers", layerRows(r, truth)));
        }
        var network = ReconstructedNetworks.toNetwork(r);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("queries", r.queries());
        m.put("seconds", r.seconds());
        m.put("at_seconds", c.secondsSinceProgramming());
        INDArray x = testImages();
        if (x != null) {
            m.put("agreement", agreement(network.output(x), oracle.noiseFreeOutput(x)));
            m.put("test_images", x.rows());
        }
        m.put("layers", layerRows(r, truth));
        m.put("curve", curve);
        Files.createDirectories(out.toPath());
        File zip = new File(out, "reconstructed.zip");
        File tmp = new File(out, "reconstructed.zip.tmp");
        ModelSerializer.writeModel(network, tmp, false);
        Files.move(tmp.toPath(), zip.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        File json = new File(out, "metrics.json");
        File jsonTmp = new File(out, "metrics.json.tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonTmp, Map.of("reconstruct", m));
        Files.move(jsonTmp.toPath(), json.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("reconstruct %s: %d queries, %.1f s, agreement %s -> %s%n", method, r.queries(), r.seconds(),
                m.getOrDefault("agreement", "n/a"), out);
        return 0;
    }

    private static List<Map<String, Object>> layerRows(Reconstruction r, Map<String, INDArray> truth) {
        Map<String, Double> err = ReconstructedNetworks.relativeErrors(r, truth);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LayerReconstruction l : r.layers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", l.layerName());
            row.put("rel_error", finite(err.getOrDefault(l.layerName(), Double.NaN)));
            row.put("crlb_rel_error", finite(l.crlbRelError()));
            row.put("estimated_rel_error", finite(l.estimatedRelError()));
            row.put("queries", l.queries());
            row.put("dead_units", l.deadUnits().length);
            row.put("biased", l.biased());
            row.put("note", l.note());
            rows.add(row);
        }
        return rows;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static ReconstructionRequest.Differences parseDifferences(String text) {
        for (ReconstructionRequest.Differences d : ReconstructionRequest.Differences.values()) {
            if (d.name().equalsIgnoreCase(text)) {
                return d;
            }
        }
        throw new IllegalArgumentException("--differences '" + text + "' is not known; use forward or central");
    }

    static double agreement(INDArray a, INDArray b) {
        return a.argMax(1).eq(b.argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    private INDArray testImages() throws IOException {
        if (images != null) {
            return images.load(testImages);
        }
        if (data == null) {
            return null;
        }
        File f = new File(data, "t10k-images-idx3-ubyte.gz");
        if (!f.isFile()) {
            f = new File(data, "t10k-images-idx3-ubyte");
        }
        if (!f.isFile()) {
            throw new IllegalArgumentException("--data " + data + " holds no t10k-images-idx3-ubyte(.gz)");
        }
        return readIdxImages(f, testImages);
    }

    /**
     * Reads IDX3 images (optionally gzipped) scaled to [0, 1].
     *
     * @param f     the file
     * @param limit most images
     * @return {@code [n, rows * cols]} FLOAT
     * @throws IOException if the file cannot be read or is not IDX3 (magic 2051)
     */
    public static INDArray readIdxImages(File f, int limit) throws IOException {
        try (InputStream raw = new FileInputStream(f);
             DataInputStream in = new DataInputStream(f.getName().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw)) {
            int magic = in.readInt();
            if (magic != 2051) {
                throw new IOException(f + " is not an IDX3 image file (magic " + magic + ", expected 2051)");
            }
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

    /**
     * @param text seconds, or a number with unit s, m, h or d
     * @return seconds
     * @throws IllegalArgumentException if not a finite non-negative time
     */
    static double parseSeconds(String text) {
        String t = text.trim().toLowerCase();
        double unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 's' -> t = t.substring(0, t.length() - 1);
            case 'm' -> { unit = 60; t = t.substring(0, t.length() - 1); }
            case 'h' -> { unit = 3600; t = t.substring(0, t.length() - 1); }
            case 'd' -> { unit = 86400; t = t.substring(0, t.length() - 1); }
            default -> { }
        }
        double v;
        try {
            v = Double.parseDouble(t) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--at '" + text + "' is not a time: use seconds or a number with s, m, h or d");
        }
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("--at '" + text + "' must be a finite time >= 0");
        }
        return v;
    }
}
