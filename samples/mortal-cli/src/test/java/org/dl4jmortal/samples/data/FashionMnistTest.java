package org.dl4jmortal.samples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void embeddedSubsetHasTheDocumentedSizeAndBalance() throws IOException {
        FashionMnist fm = FashionMnist.embedded();
        assertEquals("embedded", fm.sourceName());
        LabelledImages train = fm.train();
        LabelledImages test = fm.test();
        assertEquals(10_000, train.size());
        assertEquals(2_000, test.size());
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        int[] twoHundred = new int[10];
        Arrays.fill(twoHundred, 200);
        assertArrayEquals(thousand, train.classCounts());
        assertArrayEquals(twoHundred, test.classCounts());
        assertEquals(784, train.featureCount());
        assertEquals(28, train.images().rows());
        INDArray f = train.features(new int[]{0, 1, 2, 3});
        assertArrayEquals(new long[]{4, 784}, f.shape());
        assertTrue(f.minNumber().doubleValue() >= 0 && f.maxNumber().doubleValue() <= 1);
        // Fashion-MNIST images are not blank: a typical image has a few hundred non-zero pixels
        assertTrue(f.getRow(0).gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue() > 50);
    }

    @Test
    void firstPerClassKeepsFileOrderAndTakesTheFirstOfEachClass() throws IOException {
        byte[] labels = {2, 0, 2, 1, 0, 1, 2, 0};
        IdxImages images = new IdxImages(8, 1, 1, new byte[]{10, 11, 12, 13, 14, 15, 16, 17});
        LabelledImages all = LabelledImages.of(images, labels, 3, "i", "l");
        LabelledImages two = all.firstPerClass(2);
        // first two of class 2: indices 0, 2; of class 0: 1, 4; of class 1: 3, 5; in file order 0,1,2,3,4,5
        assertArrayEquals(new byte[]{2, 0, 2, 1, 0, 1}, two.labels());
        assertArrayEquals(new byte[]{10, 11, 12, 13, 14, 15}, two.images().pixels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> all.firstPerClass(3));
        assertTrue(e.getMessage().contains("class 1 has only 2 images"), e.getMessage());
    }

    @Test
    void missingFolderAndMissingFilesAreExplained() throws IOException {
        Path nowhere = dir.resolve("nowhere");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.folder(nowhere));
        assertTrue(e.getMessage().contains(nowhere.toString()) && e.getMessage().contains("no such folder"),
                e.getMessage());
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial);
        IdxWriter.writeLabels(new byte[]{1}, partial.resolve("train-labels-idx1-ubyte"));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> FashionMnist.folder(partial));
        assertTrue(e2.getMessage().contains("missing train-images-idx3-ubyte"), e2.getMessage());
    }

    @Test
    void fullKeywordWithoutThePackageSaysHowToInstallIt() {
        Path absent = dir.resolve("no-debian-package");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FashionMnist.resolve("full", FashionMnist.DefaultSource.EMBEDDED, absent));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
    }

    @Test
    void defaultsFollowTheCommandsChoice() {
        Path absent = dir.resolve("no-debian-package");
        assertEquals("embedded",
                FashionMnist.resolve(null, FashionMnist.DefaultSource.DEBIAN_IF_PRESENT, absent).sourceName());
        assertEquals("embedded", FashionMnist.resolve(null, FashionMnist.DefaultSource.EMBEDDED, dir).sourceName());
        assertEquals("embedded", FashionMnist.resolve("embedded", FashionMnist.DefaultSource.EMBEDDED, dir)
                .sourceName());
    }
}
