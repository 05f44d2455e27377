package org.dl4jmortal.samples.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.dl4jmortal.spi.export.TapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class JsonLinesExporterTest {
    private static final TapFileSpec SPEC = new TapFileSpec("hidden1.post", 3, 2);
    private static final JsonLinesExporter EXPORTER = new JsonLinesExporter();

    @TempDir
    Path dir;

    private static INDArray rows(int from, int to) {
        float[][] v = new float[to - from][3];
        for (int i = from; i < to; i++) {
            v[i - from] = new float[]{i * 0.1f, -1.0f / (i + 3), (float) Math.exp(-i)};
        }
        return Nd4j.createFromArray(v);
    }

    private static INDArray inputs(int n) {
        return Nd4j.zeros(n, 2);
    }

    @Test
    void everyLineIsAJsonArrayOfTheFloat32Values() throws IOException {
        Path f = dir.resolve("hidden1.post.jsonl");
        INDArray values = Nd4j.createFromArray(new float[][]{{1.5f, -0.25f, 1e-7f}, {Float.NaN, 2f, Float.NEGATIVE_INFINITY}});
        try (TapWriter w = EXPORTER.create(f, SPEC)) {
            w.append(inputs(2), values);
            w.append(null, rows(0, 3));
            assertEquals(5, w.rows());
            w.finish();
            assertEquals(Files.size(f), w.bytes());
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.US_ASCII);
        assertEquals(5, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals(1.5f, first.get(0).floatValue());
        assertEquals(-0.25f, first.get(1).floatValue());
        assertEquals(1e-7f, first.get(2).floatValue());
        JsonNode second = json.readTree(lines.get(1));
        assertTrue(second.get(0).isNull() && second.get(2).isNull(), "non-finite values are null: " + second);
        float[][] expected = rows(0, 3).toFloatMatrix();
        for (int i = 0; i < 3; i++) {
            JsonNode row = json.readTree(lines.get(2 + i));
            assertArrayEquals(expected[i], new float[]{row.get(0).floatValue(), row.get(1).floatValue(),
                row.get(2).floatValue()}, 0f, "float32 values survive the text round trip exactly");
        }
        assertEquals(5, EXPORTER.completeRows(f, SPEC));
    }

    @Test
    void aResumedExportIsByteIdenticalToAnUninterruptedOne() throws IOException {
        Path whole = dir.resolve("whole.jsonl");
        try (TapWriter w = EXPORTER.create(whole, SPEC)) {
            w.append(inputs(7), rows(0, 7));
            w.finish();
        }
        Path cut = dir.resolve("cut.jsonl");
        try (TapWriter w = EXPORTER.create(cut, SPEC)) {
            w.append(inputs(5), rows(0, 5));
            w.checkpoint();
        }
        Files.writeString(cut, "[0.5,0.", StandardOpenOption.APPEND);
        assertEquals(5, EXPORTER.completeRows(cut, SPEC), "a trailing partial line does not count");
        try (TapWriter w = EXPORTER.resume(cut, SPEC, 4)) {
            assertEquals(4, w.rows());
            w.append(inputs(3), rows(4, 7));
            w.finish();
        }
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(cut));
    }

    @Test
    void badFilesAndBadRowsAreRefusedWithTheReason() throws IOException {
        Path f = dir.resolve("t.jsonl");
        TapWriter w = EXPORTER.create(f, SPEC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.append(inputs(1), Nd4j.zeros(1, 4)));
        assertTrue(e.getMessage().contains("[n, 3]") && e.getMessage().contains("[1, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> w.append(inputs(2), Nd4j.zeros(1, 3)));
        assertTrue(e.getMessage().contains("inputs must be [1, 2]"), e.getMessage());
        w.append(inputs(2), rows(0, 2));
        w.finish();
        assertThrows(IllegalStateException.class, () -> w.append(inputs(1), rows(0, 1)));
        assertThrows(IOException.class, () -> EXPORTER.create(f, SPEC), "an existing file is never overwritten");

        IOException io = assertThrows(IOException.class,
                () -> EXPORTER.completeRows(f, new TapFileSpec("hidden1.post", 2, 2)));
        assertTrue(io.getMessage().contains("line 1") && io.getMessage().contains("found 3 values"), io.getMessage());
        Path text = dir.resolve("other.jsonl");
        Files.writeString(text, "{\"a\": 1}\n");
        io = assertThrows(IOException.class, () -> EXPORTER.completeRows(text, SPEC));
        assertTrue(io.getMessage().contains("found other text"), io.getMessage());
        io = assertThrows(IOException.class, () -> EXPORTER.completeRows(dir.resolve("missing.jsonl"), SPEC));
        assertTrue(io.getMessage().contains("no jsonl tap file"), io.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> EXPORTER.resume(f, SPEC, 3));
        assertTrue(e.getMessage().contains("holds only 2 complete rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EXPORTER.resume(f, SPEC, -1));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    }
}
