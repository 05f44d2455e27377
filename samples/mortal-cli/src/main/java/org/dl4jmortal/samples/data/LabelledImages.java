package org.dl4jmortal.samples.data;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images with one class label each, as read from a matching pair of IDX files. Immutable.
 */
public final class LabelledImages {
    private final IdxImages images;
    private final byte[] labels;
    private final int numClasses;

    private LabelledImages(IdxImages images, byte[] labels, int numClasses) {
        this.images = images;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    /**
     * Pairs images with labels and checks that they belong together.
     *
     * @param images     the images
     * @param labels     one label per image (copied)
     * @param numClasses number of classes, {@code >= 2}; every label must lie in {@code [0, numClasses)}
     * @param imagesName name of the image file, for messages
     * @param labelsName name of the label file, for messages
     * @return the pairing
     * @throws IdxFormatException       if the counts differ or a label is out of range (naming its index)
     * @throws IllegalArgumentException if {@code numClasses < 2}
     */
    public static LabelledImages of(IdxImages images, byte[] labels, int numClasses, String imagesName,
                                    String labelsName) throws IdxFormatException {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        if (images.count() != labels.length) {
            throw new IdxFormatException("image and label files do not match: " + imagesName + " holds "
                    + images.count() + " images but " + labelsName + " holds " + labels.length
                    + " labels; they must hold one label per image");
        }
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (label >= numClasses) {
                throw new IdxFormatException(labelsName + ": label " + i + " (byte " + (IdxFormat.LABELS_HEADER_BYTES + i)
                        + ") is " + label + "; allowed: 0 to " + (numClasses - 1));
            }
        }
        return new LabelledImages(images, labels.clone(), numClasses);
    }

    /** @return number of images */
    public int size() {
        return labels.length;
    }

    /** @return number of classes */
    public int numClasses() {
        return numClasses;
    }

    /** @return features per image ({@code rows * columns}, 784 for Fashion-MNIST) */
    public int featureCount() {
        return images.pixelsPerImage();
    }

    /** @return the images */
    public IdxImages images() {
        return images;
    }

    /**
     * @param index image index in {@code [0, size())}
     * @return its class in {@code [0, numClasses())}
     * @throws IndexOutOfBoundsException if out of range
     */
    public int label(int index) {
        return labels[Objects.checkIndex(index, labels.length)] & 0xff;
    }

    /** @return a copy of the labels, one unsigned byte per image */
    public byte[] labels() {
        return labels.clone();
    }

    /** @return how many images each class has, {@code [numClasses]} */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (byte b : labels) {
            counts[b & 0xff]++;
        }
        return counts;
    }

    /**
     * Selects the first {@code perClass} images of every class in file order (the deterministic, class-balanced
     * rule used for the embedded subset), keeping their file order.
     *
     * @param perClass images per class, {@code >= 1}
     * @return the selection, of {@code perClass * numClasses} images
     * @throws IllegalArgumentException if {@code perClass < 1} or a class has fewer images (naming it and its count)
     */
    public LabelledImages firstPerClass(int perClass) {
        if (perClass < 1) {
            throw new IllegalArgumentException("perClass must be >= 1, got " + perClass);
        }
        int[] counts = classCounts();
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] < perClass) {
                throw new IllegalArgumentException("class " + c + " has only " + counts[c] + " images; cannot take "
                        + perClass + " per class (at most " + Arrays.stream(counts).min().orElse(0) + ")");
            }
        }
        int[] taken = new int[numClasses];
        int[] indices = new int[perClass * numClasses];
        int n = 0;
        for (int i = 0; i < labels.length && n < indices.length; i++) {
            int c = labels[i] & 0xff;
            if (taken[c] < perClass) {
                taken[c]++;
                indices[n++] = i;
            }
        }
        return select(indices);
    }

    /**
     * @param indices image indices in {@code [0, size())}, in the order wanted
     * @return the selected images with their labels
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public LabelledImages select(int[] indices) {
        byte[] l = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            l[i] = labels[Objects.checkIndex(indices[i], labels.length)];
        }
        return new LabelledImages(images.select(indices), l, numClasses);
    }

    /**
     * Builds the feature matrix of some images: grey levels divided by 255.
     *
     * @param indices image indices, in row order
     * @return {@code [indices.length, featureCount()]} FLOAT in {@code [0, 1]}
     */
    public INDArray features(int[] indices) {
        int n = featureCount();
        float[] out = new float[indices.length * n];
        byte[] buffer = new byte[n];
        for (int i = 0; i < indices.length; i++) {
            images.copyImage(indices[i], buffer, 0);
            for (int p = 0; p < n; p++) {
                out[i * n + p] = (buffer[p] & 0xff) / 255f;
            }
        }
        return Nd4j.create(out, new long[]{indices.length, n}, DataType.FLOAT);
    }

    /**
     * Builds one-hot labels for some images.
     *
     * @param indices image indices, in row order
     * @return {@code [indices.length, numClasses()]} FLOAT, one 1 per row
     */
    public INDArray oneHotLabels(int[] indices) {
        float[] out = new float[indices.length * numClasses];
        for (int i = 0; i < indices.length; i++) {
            out[i * numClasses + label(indices[i])] = 1f;
        }
        return Nd4j.create(out, new long[]{indices.length, numClasses}, DataType.FLOAT);
    }
}
