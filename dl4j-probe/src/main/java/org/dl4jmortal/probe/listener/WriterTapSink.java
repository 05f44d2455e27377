package org.dl4jmortal.probe.listener;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dl4jmortal.probe.record.TapFileNames;
import org.dl4jmortal.spi.export.TapExporter;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.dl4jmortal.spi.export.TapWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link TapSink} that streams each tap into its own file through a {@link TapExporter}: the file is opened as
 * {@code <tap>.<ext>.part} on the first rows and renamed to {@code <tap>.<ext>} by {@link #close()}. Not thread-safe.
 */
public final class WriterTapSink implements TapSink, Closeable {
    private final TapExporter exporter;
    private final Path dir;
    private final Map<String, TapWriter> writers = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();

    /**
     * @param exporter the format
     * @param dir      the folder (created if absent)
     * @throws IOException if the folder cannot be created
     */
    public WriterTapSink(TapExporter exporter, Path dir) throws IOException {
        this.exporter = exporter;
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public void accept(String tapName, INDArray inputs, INDArray values) {
        try {
            TapWriter w = writers.get(tapName);
            if (w == null) {
                Path f = TapFileNames.fileFor(dir, tapName, exporter.fileExtension());
                Path part = f.resolveSibling(f.getFileName() + TapFileNames.PART);
                w = exporter.create(part, new TapFileSpec(tapName, (int) values.size(1), (int) inputs.size(1)));
                writers.put(tapName, w);
                files.put(tapName, f);
            }
            w.append(inputs, values);
        } catch (IOException e) {
            throw new UncheckedIOException("writing tap '" + tapName + "' failed: " + e.getMessage(), e);
        }
    }

    /** @return tap name to final file, for the taps seen so far */
    public Map<String, Path> files() {
        return Map.copyOf(files);
    }

    /**
     * Finishes every file and renames it to its final name.
     *
     * @throws IOException if finishing or renaming fails
     */
    @Override
    public void close() throws IOException {
        for (Map.Entry<String, TapWriter> e : writers.entrySet()) {
            e.getValue().finish();
            Path f = files.get(e.getKey());
            Files.move(f.resolveSibling(f.getFileName() + TapFileNames.PART), f, StandardCopyOption.ATOMIC_MOVE);
        }
        writers.clear();
    }
}
