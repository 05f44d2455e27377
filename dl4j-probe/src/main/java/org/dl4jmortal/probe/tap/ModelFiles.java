package org.dl4jmortal.probe.tap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Loads DL4J model zips (written by {@link ModelSerializer}) as {@link NetworkTappedModel}s. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * Restores a {@code MultiLayerNetwork} or {@code ComputationGraph} (told apart by its
     * {@code configuration.json}) without its updater state, and adapts it.
     *
     * @param file a zip written by {@link ModelSerializer#writeModel}
     * @return the adapter (input width read from the first layer)
     * @throws IllegalArgumentException "model file not found: ..." if it does not exist or is not a regular file;
     *                                  "not a DL4J model zip: ..." if it is not a zip, has no
     *                                  {@code configuration.json}, or cannot be restored (the cause is named)
     */
    public static NetworkTappedModel load(File file) {
        if (!file.isFile()) {
            throw new IllegalArgumentException("model file not found: " + file.getAbsolutePath());
        }
        String config;
        try (ZipFile zip = new ZipFile(file)) {
            ZipEntry e = zip.getEntry("configuration.json");
            if (e == null) {
                throw new IllegalArgumentException("not a DL4J model zip: " + file.getAbsolutePath()
                        + " (a zip, but without the configuration.json entry that ModelSerializer writes)");
            }
            try (InputStream in = zip.getInputStream(e)) {
                config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException ex) {
            throw new IllegalArgumentException("not a DL4J model zip: " + file.getAbsolutePath() + " ("
                    + ex.getMessage() + ")", ex);
        }
        boolean graph = config.contains("\"vertices\"");
        try {
            if (graph) {
                ComputationGraph g = ModelSerializer.restoreComputationGraph(file, false);
                return NetworkTappedModel.of(g);
            }
            MultiLayerNetwork n = ModelSerializer.restoreMultiLayerNetwork(file, false);
            return NetworkTappedModel.of(n);
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("cannot read the input width")) {
                throw iae;
            }
            throw new IllegalArgumentException("not a DL4J model zip: " + file.getAbsolutePath() + " (restoring the "
                    + (graph ? "ComputationGraph" : "MultiLayerNetwork") + " failed: " + ex + ")", ex);
        }
    }
}
