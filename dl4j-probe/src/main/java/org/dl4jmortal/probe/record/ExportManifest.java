package org.dl4jmortal.probe.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of a tap export (plain Jackson, snake_case keys): what was exported from what, how, and
 * at what cost, rewritten atomically (temporary file, sync, rename) after every checkpoint, so that it always
 * describes rows that are on disk. Provenance in the manner of Tribuo (DESIGN.md §7).
 *
 * @param formatVersion   version of this manifest layout, {@value #FORMAT_VERSION}
 * @param format          the exporter's registered name ({@code npy}, {@code csv}, {@code dl4j})
 * @param completed       true once every tap file was finished and renamed to its final name
 * @param created         ISO-8601 instant of the first session
 * @param updated         ISO-8601 instant of this rewrite
 * @param seed            seed of the read models' noise (and of synthetic probes)
 * @param batchSize       rows per query batch; a resume must use the same
 * @param checkpointRows  rows between checkpoints (a multiple of the batch size)
 * @param nanPolicy       {@code FAIL} or {@code WRITE}
 * @param source          the source data
 * @param model           a description of the model
 * @param inputSize       values per input row
 * @param outputSize      values per output row
 * @param jvmMaxHeapBytes {@link Runtime#maxMemory()} of the JVM that wrote this version of the manifest
 * @param rowsCompleted   rows on disk in every tap file, in source order
 * @param sessions        recording sessions so far (1 + number of resumes)
 * @param taps            one entry per tap file
 * @param ledger          the model's query ledger over the rows completed, summed over sessions (queries made after
 *                        an interrupted session's last checkpoint are not included), keys as
 *                        {@link org.dl4jmortal.spi.chip.QueryLedger#snapshot()}
 */
public record ExportManifest(int formatVersion, String format, boolean completed, String created, String updated,
                             long seed, int batchSize, long checkpointRows, String nanPolicy, Source source,
                             String model, int inputSize, int outputSize, long jvmMaxHeapBytes, long rowsCompleted,
                             int sessions, List<TapEntry> taps, Map<String, Long> ledger) {

    /** The manifest layout version written by this class. */
    public static final int FORMAT_VERSION = 1;
    /** The manifest's file name. */
    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The source data.
     *
     * @param description one line (folder and parts, or synthetic spec and seed)
     * @param rows        rows the source yields in total, or {@code -1} if unknown
     * @param width       values per row
     */
    public record Source(String description, long rows, int width) {
    }

    /**
     * A tap's read model as stored (see {@link org.dl4jmortal.probe.tap.TapReadModel}).
     *
     * @param adcBits  ADC bits, 0 = off
     * @param adcBound ADC range {@code [-bound, bound]}
     * @param noiseStd additive Gaussian noise std
     */
    public record ReadModel(int adcBits, double adcBound, double noiseStd) {
    }

    /**
     * One tap file.
     *
     * @param name       tap name, or {@code output} for the model output
     * @param file       file (or folder) name inside the export folder, final name
     * @param shape      {@code [rowsCompleted, width]}
     * @param dtype      {@code float32}
     * @param layer      the layer name ({@code output} for the model output)
     * @param position   {@code pre}, {@code post} or {@code output}
     * @param activation the layer's activation function name
     * @param hasBias    whether a bias is added between {@code .pre} and the activation
     * @param readModel  the read model applied
     * @param nanCount   NaN values read at this tap over the rows completed
     */
    public record TapEntry(String name, String file, List<Long> shape, String dtype, String layer, String position,
                           String activation, boolean hasBias, ReadModel readModel, long nanCount) {
    }

    /**
     * Writes the manifest atomically into a folder (to {@code manifest.json.tmp}, synced, then renamed).
     *
     * @param dir the export folder
     * @throws IOException if writing or renaming fails
     */
    public void writeTo(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        byte[] json = MAPPER.writeValueAsBytes(this);
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            out.write(json);
            out.getFD().sync();
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @param file a {@code manifest.json}
     * @return the manifest
     * @throws IOException if it cannot be read or is not a manifest (the message names the file)
     */
    public static ExportManifest read(Path file) throws IOException {
        try {
            ExportManifest m = MAPPER.readValue(file.toFile(), ExportManifest.class);
            if (m.format() == null || m.taps() == null || m.source() == null) {
                throw new IOException("not a tap export manifest (format, taps or source missing)");
            }
            return m;
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
