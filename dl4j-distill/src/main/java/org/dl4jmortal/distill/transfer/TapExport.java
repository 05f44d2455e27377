package org.dl4jmortal.distill.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dl4jmortal.probe.record.ExportManifest;
import org.dl4jmortal.probe.record.SyntheticProbes;
import org.dl4jmortal.probe.record.TapRecorder;
import org.dl4jmortal.spi.distill.TransferSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recorded tap export ({@code mortal taps}, the probe's {@code TapRecorder}: one {@code .npy} file per tap and a
 * {@code manifest.json}) as a transfer set: the teacher was queried once when it was recorded, and distillation reuses
 * its outputs and taps every epoch without a query (DESIGN.md §4). The export does not store its input rows: they are
 * the source named in the manifest, supplied by the caller (or, for synthetic probes, regenerated from the manifest's
 * seed, {@link #syntheticInputs()}). The teacher's outputs are the {@value TapRecorder#OUTPUT} file if recorded, else
 * the last layer's {@code .post} tap (the output activation).
 */
public final class TapExport {
    private static final Pattern SYNTHETIC = Pattern.compile("^synthetic (gaussian|uniform):(\\d+) .*");

    private final Path folder;
    private final ExportManifest manifest;

    private TapExport(Path folder, ExportManifest manifest) {
        this.folder = folder;
        this.manifest = manifest;
    }

    /**
     * @param folder an export folder
     * @return the export
     * @throws IOException              if the manifest cannot be read
     * @throws IllegalArgumentException if the folder or manifest is missing, the export is unfinished, or it was
     *                                  written in another format than npy (says how to fix each)
     */
    public static TapExport open(Path folder) throws IOException {
        Path m = folder.resolve(ExportManifest.FILE_NAME);
        if (!Files.isRegularFile(m)) {
            throw new IllegalArgumentException("taps:" + folder + " holds no " + ExportManifest.FILE_NAME
                    + "; give the folder of an export written by `mortal taps`");
        }
        ExportManifest manifest = ExportManifest.read(m);
        if (!manifest.completed()) {
            throw new IllegalArgumentException("the tap export in " + folder + " is not finished ("
                    + manifest.rowsCompleted() + " rows); finish it with `mortal taps ... --resume`");
        }
        if (!"npy".equals(manifest.format())) {
            throw new IllegalArgumentException("the tap export in " + folder + " is in format '" + manifest.format()
                    + "'; distillation reads npy exports (export again with --format npy)");
        }
        return new TapExport(folder, manifest);
    }

    /** @return the manifest */
    public ExportManifest manifest() {
        return manifest;
    }

    /** @return rows recorded */
    public long rows() {
        return manifest.rowsCompleted();
    }

    /** @return the recorded tap names (and {@value TapRecorder#OUTPUT} if recorded) */
    public List<String> taps() {
        List<String> names = new ArrayList<>();
        manifest.taps().forEach(t -> names.add(t.name()));
        return names;
    }

    /**
     * @return the input rows if the export was recorded from synthetic probes (regenerated exactly from the
     *         manifest's description and seed), else empty (the caller supplies the data rows)
     */
    public Optional<INDArray> syntheticInputs() {
        Matcher m = SYNTHETIC.matcher(manifest.source().description());
        if (!m.matches()) {
            return Optional.empty();
        }
        SyntheticProbes.Kind kind = m.group(1).equals("gaussian") ? SyntheticProbes.Kind.GAUSSIAN
                : SyntheticProbes.Kind.UNIFORM;
        return Optional.of(SyntheticTransfer.readAll(new SyntheticProbes(kind, Long.parseLong(m.group(2)),
                manifest.inputSize(), manifest.seed())));
    }

    /**
     * Loads the first {@code inputs.rows()} recorded rows as a transfer set.
     *
     * @param inputs the input rows the export was recorded on, in its order, {@code [n, width]} with
     *               {@code n <= rows()}
     * @param taps   tap names to load besides the outputs (for hints)
     * @return the transfer set with recorded outputs and taps, unlabelled
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if the inputs have another width than the recorded model's input, more rows
     *                                  than recorded, or a tap was not recorded (lists the recorded ones)
     */
    public TransferSet load(INDArray inputs, Collection<String> taps) throws IOException {
        if (inputs.columns() != manifest.inputSize()) {
            throw new IllegalArgumentException("the transfer rows have " + inputs.columns() + " values but the export"
                    + " in " + folder + " was recorded from a model taking " + manifest.inputSize());
        }
        long n = inputs.rows();
        if (n > rows()) {
            throw new IllegalArgumentException("asked for " + n + " rows of the export in " + folder + ", which holds "
                    + rows());
        }
        INDArray outputs = read(outputTap(), n);
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (String t : taps) {
            values.put(t, read(t, n));
        }
        return new TransferSet("taps:" + folder + " (rows 0.." + (n - 1) + " of " + rows() + " recorded from "
                + manifest.model() + " on " + manifest.source().description() + ")", inputs, null, outputs, values);
    }

    private String outputTap() {
        String lastPost = null;
        for (ExportManifest.TapEntry t : manifest.taps()) {
            if (t.name().equals(TapRecorder.OUTPUT)) {
                return t.name();
            }
            if ("post".equals(t.position())) {
                lastPost = t.name();
            }
        }
        if (lastPost == null || manifest.taps().stream().filter(t -> "post".equals(t.position())).map(
                ExportManifest.TapEntry::shape).reduce((a, b) -> b).get().get(1) != manifest.outputSize()) {
            throw new IllegalArgumentException("the tap export in " + folder + " holds neither the model output nor"
                    + " the last layer's .post tap; recorded: " + taps() + " (record 'output' or the last .post tap)");
        }
        return lastPost;
    }

    private INDArray read(String tap, long rows) throws IOException {
        for (ExportManifest.TapEntry t : manifest.taps()) {
            if (t.name().equals(tap)) {
                return NpyMatrix.read(folder.resolve(t.file()), rows);
            }
        }
        throw new IllegalArgumentException("the tap export in " + folder + " has no tap '" + tap + "'; recorded: "
                + taps());
    }
}
