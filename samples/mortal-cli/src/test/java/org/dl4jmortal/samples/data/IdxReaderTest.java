package org.dl4jmortal.samples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Builds IDX bytes by hand, independently of IdxWriter. */
    private static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37 + 11);
        }
        return b;
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void readsHandWrittenRawAndGzipImagesAndLabels() throws IOException {
        byte[] pixels = ramp(3 * 2 * 4);
        byte[] raw = idx(2051, new int[]{3, 2, 4}, pixels);
        for (Path p : new Path[]{file("img", raw), file("img.gz", gzip(raw)), file("gzip-without-suffix", gzip(raw))}) {
            IdxImages images = IdxReader.readImages(p);
            assertEquals(3, images.count());
            assertEquals(2, images.rows());
            assertEquals(4, images.columns());
            assertArrayEquals(pixels, images.pixels());
            // image 2, pixel 5 is byte 2*8+5 = 21 of the data: (21*37+11) mod 256 = 788 mod 256 = 20
            assertEquals(20, images.pixel(2, 5));
        }
        byte[] labels = {0, 9, 3, 3, 7};
        byte[] rawLabels = idx(2049, new int[]{5}, labels);
        assertArrayEquals(labels, IdxReader.readLabels(file("lab", rawLabels)));
        assertArrayEquals(labels, IdxReader.readLabels(file("lab.gz", gzip(rawLabels))));
    }

    @Test
    void writerOutputReadsBackIdentically() throws IOException {
        IdxImages images = new IdxImages(4, 28, 28, ramp(4 * 784));
        byte[] labels = {1, 2, 3, 4};
        for (String name : new String[]{"w-images", "w-images.gz"}) {
            IdxWriter.writeImages(images, dir.resolve(name));
            assertArrayEquals(images.pixels(), IdxReader.readImages(dir.resolve(name)).pixels());
        }
        IdxWriter.writeLabels(labels, dir.resolve("w-labels.gz"));
        assertArrayEquals(labels, IdxReader.readLabels(dir.resolve("w-labels.gz")));
        byte[] gz = Files.readAllBytes(dir.resolve("w-images.gz"));
        assertEquals(0x1f, gz[0] & 0xff);
        assertEquals(0x8b, gz[1] & 0xff);
    }

    @Test
    void badMagicNamesFileValueAndExpectation() throws IOException {
        Path labelsGivenAsImages = file("labels-as-images", idx(2049, new int[]{2}, new byte[]{1, 2}));
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(labelsGivenAsImages));
        assertTrue(e.getMessage().contains(labelsGivenAsImages.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte 0 is 2049"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 2051"), e.getMessage());

        Path text = file("text.gz", gzip("hello world, not idx".getBytes()));
        IdxFormatException e2 = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(text));
        assertTrue(e2.getMessage().contains("expected 2049"), e2.getMessage());
        // "hell" as a big-endian int
        assertTrue(e2.getMessage().contains(Integer.toString(0x68656c6c)), e2.getMessage());
    }

    @Test
    void truncatedDataNamesOffsetAndExpectedSize() throws IOException {
        byte[] full = idx(2051, new int[]{3, 2, 4}, ramp(24));
        byte[] cut = Arrays.copyOf(full, 16 + 24 - 5);
        for (Path p : new Path[]{file("cut", cut), file("cut.gz", gzip(cut))}) {
            IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(p));
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertTrue(e.getMessage().contains("ends at byte 35"), e.getMessage());
            assertTrue(e.getMessage().contains("exactly 40 bytes"), e.getMessage());
        }
        Path header = file("header-only", Arrays.copyOf(full, 10));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(header));
        assertTrue(e.getMessage().contains("inside the header"), e.getMessage());
        assertTrue(e.getMessage().contains("byte 8"), e.getMessage());
    }

    @Test
    void truncatedGzipStreamIsReported() throws IOException {
        byte[] gz = gzip(idx(2051, new int[]{50, 28, 28}, ramp(50 * 784)));
        Path p = file("cut-gzip.gz", Arrays.copyOf(gz, gz.length / 2));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] labels = idx(2049, new int[]{2}, new byte[]{1, 2, 3});
        Path p = file("long", labels);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(p));
        assertTrue(e.getMessage().contains("after byte 10"), e.getMessage());
    }

    @Test
    void impossibleHeaderSizesAreRejected() throws IOException {
        Path p = file("zero-rows", idx(2051, new int[]{1, 0, 28}, new byte[0]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("rows >= 1"), e.getMessage());
        Path q = file("negative", idx(2049, new int[]{-3}, new byte[0]));
        IdxFormatException e2 = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(q));
        assertTrue(e2.getMessage().contains("-3 labels"), e2.getMessage());
    }

    @Test
    void mismatchedImageAndLabelCountsAreRejected() {
        IdxImages images = new IdxImages(3, 1, 2, ramp(6));
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> LabelledImages.of(images, new byte[]{1, 2}, 10, "a-images", "a-labels"));
        assertTrue(e.getMessage().contains("a-images holds 3 images"), e.getMessage());
        assertTrue(e.getMessage().contains("a-labels holds 2 labels"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesIndex() {
        IdxImages images = new IdxImages(3, 1, 2, ramp(6));
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> LabelledImages.of(images, new byte[]{1, 10, 2}, 10, "i", "l"));
        assertTrue(e.getMessage().contains("label 1 (byte 9) is 10"), e.getMessage());
        assertTrue(e.getMessage().contains("0 to 9"), e.getMessage());
    }

    @Test
    void folderWithCorruptFileFailsOnLoadNamingTheFile() throws IOException {
        Path folder = dir.resolve("fm");
        Files.createDirectories(folder);
        IdxImages images = new IdxImages(2, 28, 28, ramp(2 * 784));
        IdxWriter.writeImages(images, folder.resolve("train-images-idx3-ubyte.gz"));
        IdxWriter.writeLabels(new byte[]{1, 2, 3}, folder.resolve("train-labels-idx1-ubyte"));
        IdxWriter.writeImages(images, folder.resolve("t10k-images-idx3-ubyte"));
        IdxWriter.writeLabels(new byte[]{4, 5}, folder.resolve("t10k-labels-idx1-ubyte.gz"));
        FashionMnist fm = FashionMnist.folder(folder);
        assertEquals(2, fm.test().size());
        IdxFormatException e = assertThrows(IdxFormatException.class, fm::train);
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte holds 3 labels"), e.getMessage());
    }
}
