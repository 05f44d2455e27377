package org.dl4jmortal.samples.chip;

import java.io.File;
import java.io.IOException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.samples.cli.UserInputException;

/** Reads a DL4J model zip written by {@code ModelSerializer}, as a MultiLayerNetwork or a ComputationGraph. */
public final class ModelFileReader {
    private ModelFileReader() {
    }

    /**
     * @param file a ModelSerializer zip
     * @return the restored network
     * @throws UserInputException if the file is missing or is not a DL4J model (says why)
     */
    public static Model read(File file) {
        if (!file.isFile()) {
            throw new UserInputException("--model " + file + ": no such file");
        }
        String json;
        try (ZipFile zip = new ZipFile(file)) {
            var entry = zip.getEntry(ModelSerializer.CONFIGURATION_JSON);
            if (entry == null) {
                throw new UserInputException("--model " + file + ": not a DL4J model zip (no "
                        + ModelSerializer.CONFIGURATION_JSON + " inside); save models with ModelSerializer.writeModel");
            }
            if (zip.getEntry("objects/mortal-chip.json") != null) {
                throw new UserInputException("--model " + file + ": this is a chip image (written by convert, demo or"
                        + " train), not a digital model; pass it with --chip, or give the digital model (digital.zip)");
            }
            json = new String(zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("--model " + file + ": not a DL4J model zip (" + e.getMessage() + ")");
        }
        try {
            return json.contains("\"vertices\"") ? ModelSerializer.restoreComputationGraph(file, false)
                    : ModelSerializer.restoreMultiLayerNetwork(file, false);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("--model " + file + ": could not restore the DL4J model (" + e.getMessage() + ")");
        }
    }
}
