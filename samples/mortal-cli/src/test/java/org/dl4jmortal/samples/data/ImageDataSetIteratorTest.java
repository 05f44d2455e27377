package org.dl4jmortal.samples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class ImageDataSetIteratorTest {

    /** 25 images of 1x2 pixels; image i has pixels (i, 255 - i) and label i mod 10. */
    private static LabelledImages data() throws IdxFormatException {
        byte[] px = new byte[50];
        byte[] labels = new byte[25];
        for (int i = 0; i < 25; i++) {
            px[2 * i] = (byte) i;
            px[2 * i + 1] = (byte) (255 - i);
            labels[i] = (byte) (i % 10);
        }
        return LabelledImages.of(new IdxImages(25, 1, 2, px), labels, 10, "i", "l");
    }

    private static List<Integer> epoch(ImageDataSetIterator it) {
        List<Integer> ids = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            for (int r = 0; r < ds.numExamples(); r++) {
                ids.add(Math.round(ds.getFeatures().getFloat(r, 0) * 255f));
            }
        }
        return ids;
    }

    @Test
    void batchesHaveScaledFeaturesAndOneHotLabels() throws IdxFormatException {
        ImageDataSetIterator it = new ImageDataSetIterator(data(), 10, false, 1);
        DataSet first = it.next();
        assertArrayEquals(new long[]{10, 2}, first.getFeatures().shape());
        assertArrayEquals(new long[]{10, 10}, first.getLabels().shape());
        assertEquals(3 / 255f, first.getFeatures().getFloat(3, 0), 1e-7);
        assertEquals(252 / 255f, first.getFeatures().getFloat(3, 1), 1e-7);
        assertEquals(1f, first.getLabels().getFloat(3, 3));
        assertEquals(1.0, first.getLabels().getRow(3).sumNumber().doubleValue(), 0);
        it.next();
        DataSet last = it.next();
        assertEquals(5, last.numExamples());
        assertFalse(it.hasNext());
    }

    @Test
    void shufflingIsASeededPermutationThatChangesPerEpoch() throws IdxFormatException {
        ImageDataSetIterator a = new ImageDataSetIterator(data(), 7, true, 123);
        ImageDataSetIterator b = new ImageDataSetIterator(data(), 7, true, 123);
        List<Integer> a0 = epoch(a);
        assertEquals(a0, epoch(b));
        List<Integer> sorted = new ArrayList<>(a0);
        sorted.sort(null);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(i);
        }
        assertEquals(all, sorted);
        assertNotEquals(all, a0);
        a.reset();
        List<Integer> a1 = epoch(a);
        assertNotEquals(a0, a1);
        b.reset();
        assertEquals(a1, epoch(b));
        assertNotEquals(a0, epoch(new ImageDataSetIterator(data(), 7, true, 124)));
    }
}
