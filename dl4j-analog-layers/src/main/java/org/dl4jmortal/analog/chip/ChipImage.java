package org.dl4jmortal.analog.chip;

import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Reads and writes chip images ({@code chip.zip}): a {@code ModelSerializer} model file (configuration plus the flat
 * parameters, which hold all device state and the clock) with one extra entry, {@value #ENTRY}, holding the chip's
 * provenance as JSON. Writing is atomic: a temporary file in the same folder, then a rename.
 */
final class ChipImage {
    /** Name of the provenance entry inside the zip. */
    static final String ENTRY = "mortal-chip.json";
    private static final String FORMAT = "dl4j-mortal-chip";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChipImage() {
    }

    static void write(AnalogChip chip, File file) throws IOException {
        Path target = file.toPath().toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".chip-", ".zip.part");
        try {
            chip.network().save(tmp.toFile());
            ChipInfo info = chip.info();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("version", 1);
            m.put("network", chip.network().kind());
            m.put("seed", info.seed());
            m.put("device", info.device());
            m.put("overrides", info.overrides());
            m.put("analogLayers", info.analogLayers());
            m.put("digitalLayers", info.digitalLayers());
            m.put("createdBy", info.createdBy());
            m.put("secondsSinceProgramming", chip.secondsSinceProgramming());
            ModelSerializer.addObjectToFile(tmp.toFile(), ENTRY, JSON.writeValueAsString(m));
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param file a chip image
     * @return the chip
     * @throws IOException              if the file cannot be opened
     * @throws IllegalArgumentException if the file is missing, a directory, not a zip, not a chip image (for example
     *                                  a plain DL4J model), or damaged: the message names the file and the entry
     *                                  that cannot be read ({@code objects/mortal-chip.json},
     *                                  {@code configuration.json} or {@code coefficients.bin})
     */
    static AnalogChip read(File file) throws IOException {
        if (file.isDirectory()) {
            throw new IllegalArgumentException(file + " is a directory, not a chip file; give the chip image inside "
                    + "it, for example " + new File(file, "chip.zip"));
        }
        if (!file.isFile()) {
            throw new IllegalArgumentException("chip file " + file + " does not exist or is not a file");
        }
        String json;
        boolean graph;
        try (ZipFile zip = new ZipFile(file)) {
            ZipEntry entry = zip.getEntry("objects/" + ENTRY);
            if (entry == null) {
                throw new IllegalArgumentException("not a chip image: " + file + " has no " + ENTRY
                        + " entry (chips are written by `mortal convert`, `mortal demo` or AnalogChip.save;"
                        + " a plain DL4J model such as digital.zip is made into a chip with"
                        + " `mortal convert --model FILE --device NAME`)");
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException("not a chip image: " + file + " is not a zip file (" + e.getMessage() + ")", e);
        }
        Map<String, Object> m;
        try {
            json = ModelSerializer.getObjectFromFile(file, ENTRY);
            m = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException | RuntimeException e) {
            throw damaged(file, "objects/" + ENTRY, e);
        }
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("not a chip image: " + file + " has format " + m.get("format"));
        }
        ChipInfo info;
        try {
            @SuppressWarnings("unchecked") Map<String, Object> rawOverrides = (Map<String, Object>) m.get("overrides");
            Map<String, Double> overrides = new LinkedHashMap<>();
            rawOverrides.forEach((k, v) -> overrides.put(k, ((Number) v).doubleValue()));
            @SuppressWarnings("unchecked") List<String> analog = new ArrayList<>((List<String>) m.get("analogLayers"));
            @SuppressWarnings("unchecked") List<String> digital = new ArrayList<>((List<String>) m.get("digitalLayers"));
            info = new ChipInfo(((Number) m.get("seed")).longValue(), (String) m.get("device"), overrides,
                    analog, digital, (String) m.get("createdBy"));
            graph = "ComputationGraph".equals(m.get("network"));
        } catch (RuntimeException e) {
            throw damaged(file, "objects/" + ENTRY + " (a field is missing or has the wrong type)", e);
        }
        String configuration;
        try (ZipFile zip = new ZipFile(file)) {
            ZipEntry entry = zip.getEntry("configuration.json");
            if (entry == null) {
                throw new IllegalArgumentException("damaged chip image " + file + ": it has no configuration.json entry");
            }
            try (java.io.InputStream in = zip.getInputStream(entry)) {
                configuration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            if (graph) {
                org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(configuration);
            } else {
                org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(configuration);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("damaged chip image")) {
                throw iae;
            }
            throw damaged(file, "configuration.json", e);
        }
        try {
            if (graph) {
                ComputationGraph g = ModelSerializer.restoreComputationGraph(file, false);
                return AnalogChip.wrap(g, info);
            }
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file, false);
            return AnalogChip.wrap(net, info);
        } catch (IOException | RuntimeException e) {
            throw damaged(file, "coefficients.bin (the parameters; truncated or not of the configuration's size)", e);
        }
    }

    private static IllegalArgumentException damaged(File file, String entry, Exception cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return new IllegalArgumentException("damaged chip image " + file + ": entry " + entry + " cannot be read ("
                + why + "); write the chip again with `mortal convert` or `mortal demo`", cause);
    }
}
