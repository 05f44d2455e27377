package org.dl4jmortal.samples.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.dl4jmortal.samples.io.AtomicFiles;

/**
 * Writes metrics objects as indented JSON with Jackson, keys in their declared order
 * ({@link com.fasterxml.jackson.annotation.JsonPropertyOrder}), map entries sorted by key, atomically
 * ({@link AtomicFiles}: a reader never sees half a file).
 */
public final class MetricsWriter {
    private final ObjectMapper mapper;

    /** Creates a writer. */
    public MetricsWriter() {
        this.mapper = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /**
     * @param metrics any Jackson-serialisable value, for example {@link DemoMetrics}
     * @param file    the target, replaced if present
     * @throws IOException if the value cannot be serialised or the file written
     */
    public void write(Object metrics, Path file) throws IOException {
        byte[] json = mapper.writeValueAsBytes(metrics);
        AtomicFiles.write(file, out -> {
            out.write(json);
            out.write('\n');
        });
    }
}
