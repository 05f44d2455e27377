package org.dl4jmortal.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.BaseDL4JTest;
import org.dl4jmortal.probe.export.CsvExporter;
import org.dl4jmortal.probe.export.Dl4jDataSetExporter;
import org.dl4jmortal.probe.export.NpyExporter;
import org.dl4jmortal.probe.export.NpyHeader;
import org.dl4jmortal.spi.export.TapFileSpec;
import org.dl4jmortal.spi.export.TapWriter;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginException;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ExistingMiniBatchDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class ExportersTest extends BaseDL4JTest {
    @TempDir
    Path tmp;

    private static INDArray rows(int n, int w, float base) {
        float[] f = new float[n * w];
        for (int i = 0; i < f.length; i++) {
            f[i] = base + i * 0.25f - (i % 3 == 0 ? 1e-7f : 0f);
        }
        return Nd4j.create(f, new long[]{n, w}, DataType.FLOAT);
    }

    @Test
    void npyStreamsRowsAndFixesTheRowCountInTheHeader() throws IOException {
        NpyExporter e = new NpyExporter();
        TapFileSpec spec = new TapFileSpec("t.post", 3, 2);
        Path p = tmp.resolve("t.npy");
        try (TapWriter w = e.create(p, spec)) {
            w.append(rows(2, 2, 0), rows(2, 3, 1));
            w.append(null, rows(3, 3, 100));
            assertEquals(5, w.rows());
            w.finish();
        }
        NpyFiles.Loaded l = NpyFiles.load(p);
        assertArrayEquals(new long[]{5, 3}, l.shape());
        float[] expected = new float[15];
        System.arraycopy(rows(2, 3, 1).data().asFloat(), 0, expected, 0, 6);
        System.arraycopy(rows(3, 3, 100).data().asFloat(), 0, expected, 6, 9);
        assertArrayEquals(expected, l.data());
        assertEquals(0, (10 + l.headerLength()) % 64);
        assertEquals(Files.size(p), 10 + l.headerLength() + 15 * 4);
        // the header text NumPy itself writes for this array, padded
        String h = new String(Files.readAllBytes(p), 10, l.headerLength(), StandardCharsets.US_ASCII);
        assertTrue(h.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 3), }"), h);
        assertEquals(5, e.completeRows(p, spec));
    }

    @Test
    void npyWritesViewsFortranOrderAndDoublesInRowMajorFloat32() throws IOException {
        TapFileSpec spec = new TapFileSpec("v", 2, 1);
        Path p = tmp.resolve("v.npy");
        INDArray big = rows(4, 3, 0); // values 0, .25, .5 (minus tiny offsets) ...
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3));
        INDArray fOrder = Nd4j.create(new double[][]{{1, 2}, {3, 4}}).castTo(DataType.DOUBLE).dup('f');
        try (TapWriter w = new NpyExporter().create(p, spec)) {
            w.append(null, view);
            w.append(null, fOrder);
            w.finish();
        }
        float[] b = big.data().asFloat();
        assertArrayEquals(new float[]{b[4], b[5], b[7], b[8], 1, 2, 3, 4}, NpyFiles.load(p).data());
    }

    @Test
    void npyHeaderHasTheSameSizeForAnyRowCount() {
        for (int w : new int[]{1, 10, 784, 100000}) {
            int size = NpyHeader.encode(0, w).length;
            assertEquals(size, NpyHeader.encode(Long.MAX_VALUE, w).length);
            assertEquals(0, size % 64);
        }
    }

    @Test
    void npyRefusesForeignFilesAndResumesAtAWholeRow() throws IOException {
        NpyExporter e = new NpyExporter();
        TapFileSpec spec = new TapFileSpec("t.post", 4, 2);
        Path junk = tmp.resolve("junk.npy");
        Files.writeString(junk, "hello, this is not numpy");
        IOException bad = assertThrows(IOException.class, () -> e.completeRows(junk, spec));
        assertTrue(bad.getMessage().contains("magic"), bad.getMessage());
        Path p = tmp.resolve("p.npy.part");
        try (TapWriter w = e.create(p, spec)) {
            w.append(null, rows(3, 4, 0));
            w.checkpoint();
        }
        Files.write(p, new byte[]{1, 2, 3, 4, 5, 6}, StandardOpenOption.APPEND); // a torn row
        assertEquals(3, e.completeRows(p, spec));
        assertThrows(IllegalArgumentException.class, () -> e.resume(p, spec, 4));
        try (TapWriter w = e.resume(p, spec, 2)) {
            w.append(null, rows(1, 4, 50));
            w.finish();
        }
        NpyFiles.Loaded l = NpyFiles.load(p);
        assertArrayEquals(new long[]{3, 4}, l.shape());
        assertEquals(50f, l.data()[8]);
        IOException wrongWidth = assertThrows(IOException.class,
                () -> e.completeRows(p, new TapFileSpec("t.post", 5, 2)));
        assertTrue(wrongWidth.getMessage().contains("4 values"), wrongWidth.getMessage());
    }

    @Test
    void csvRoundTripsFloatsExactlyAndResumes() throws IOException {
        CsvExporter e = new CsvExporter();
        TapFileSpec spec = new TapFileSpec("a,b.post", 2, 1);
        Path p = tmp.resolve("c.csv");
        INDArray v = Nd4j.create(new float[]{1.0f, -0.1f, Float.MIN_VALUE, 3.4028235e38f}, new long[]{2, 2}, DataType.FLOAT);
        try (TapWriter w = e.create(p, spec)) {
            w.append(null, v);
            w.checkpoint();
            w.append(null, v);
        }
        List<String> lines = Files.readAllLines(p);
        assertEquals("\"a,b.post:0\",\"a,b.post:1\"", lines.get(0));
        assertEquals(1.0f, Float.parseFloat(lines.get(1).split(",")[0]));
        assertEquals(-0.1f, Float.parseFloat(lines.get(1).split(",")[1]));
        assertEquals(Float.MIN_VALUE, Float.parseFloat(lines.get(2).split(",")[0]));
        assertEquals(3.4028235e38f, Float.parseFloat(lines.get(2).split(",")[1]));
        assertEquals(4, e.completeRows(p, spec));
        Files.writeString(p, "1.5,2", StandardOpenOption.APPEND); // an incomplete line
        assertEquals(4, e.completeRows(p, spec));
        try (TapWriter w = e.resume(p, spec, 1)) {
            assertEquals(1, w.rows());
            w.finish();
        }
        assertEquals(2, Files.readAllLines(p).size());
    }

    @Test
    void dl4jShardsFormATransferSetForExistingMiniBatchDataSetIterator() throws IOException {
        Dl4jDataSetExporter e = new Dl4jDataSetExporter();
        TapFileSpec spec = new TapFileSpec("2.post", 3, 2);
        Path dir = tmp.resolve("t.dl4j");
        try (TapWriter w = e.create(dir, spec)) {
            w.append(rows(4, 2, 0), rows(4, 3, 10));
            w.append(rows(1, 2, 5), rows(1, 3, 20));
            w.finish();
        }
        ExistingMiniBatchDataSetIterator it = new ExistingMiniBatchDataSetIterator(dir.toFile());
        DataSet a = it.next();
        assertEquals(rows(4, 2, 0), a.getFeatures());
        assertEquals(rows(4, 3, 10), a.getLabels());
        DataSet b = it.next();
        assertEquals(rows(1, 3, 20), b.getLabels());
        assertEquals(5, e.completeRows(dir, spec));
        IllegalArgumentException mid = assertThrows(IllegalArgumentException.class, () -> e.resume(dir, spec, 2));
        assertTrue(mid.getMessage().contains("shard boundary"), mid.getMessage());
        try (TapWriter w = e.resume(dir, spec, 4)) {
            assertEquals(4, w.rows());
        }
        assertEquals(4, e.completeRows(dir, spec));
    }

    @Test
    void exportersAreFoundByNameThroughTheRegistry() {
        MortalRegistry r = MortalRegistry.global();
        assertEquals(Set.of("csv", "dl4j", "npy"), r.names(PluginKind.EXPORTER));
        assertEquals("npy", r.get(PluginKind.EXPORTER, "npy").fileExtension());
        PluginException ex = assertThrows(PluginException.class, () -> r.get(PluginKind.EXPORTER, "parquet"));
        assertTrue(ex.getMessage().contains("parquet") && ex.getMessage().contains("[csv, dl4j, npy]"), ex.getMessage());
    }
}
