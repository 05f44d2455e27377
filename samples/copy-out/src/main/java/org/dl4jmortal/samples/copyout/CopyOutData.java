package org.dl4jmortal.samples.copyout;

import java.util.Objects;
import org.dl4jmortal.samples.data.LabelledImages;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The data of one copy-out run.
 *
 * @param transfer    transfer images (the training images; what a copy method may show the chip)
 * @param test        test images (for agreement and accuracy only)
 * @param testInputs  the test images as features {@code [n, 784]} in {@code [0, 1]}
 * @param testLabels  their classes
 */
public record CopyOutData(LabelledImages transfer, LabelledImages test, INDArray testInputs, int[] testLabels) {
    /** @throws NullPointerException if an argument is null */
    public CopyOutData {
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(testInputs, "testInputs");
        Objects.requireNonNull(testLabels, "testLabels");
    }

    /**
     * @param transfer transfer images
     * @param test     test images
     * @return the data with the test features and labels extracted
     */
    public static CopyOutData of(LabelledImages transfer, LabelledImages test) {
        int[] all = new int[test.size()];
        int[] labels = new int[test.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
            labels[i] = test.label(i);
        }
        return new CopyOutData(transfer, test, test.features(all), labels);
    }
}
