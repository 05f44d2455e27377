package org.dl4jmortal.samples.data;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Remakes the embedded Fashion-MNIST subset: the first {@value #TRAIN_PER_CLASS} training images and the first
 * {@value #TEST_PER_CLASS} test images of each class, in file order, written as gzip-compressed IDX files.
 * <p>
 * Usage: {@code java -cp ... org.dl4jmortal.samples.data.SubsetMaker [FULL_DIR [OUT_DIR]]}, by default from
 * {@value FashionMnist#DEBIAN_FOLDER} into {@code samples/mortal-cli/src/main/resources/fashion-mnist-subset}.
 */
public final class SubsetMaker {
    /** Training images per class: 10 classes give 10,000 images. */
    public static final int TRAIN_PER_CLASS = 1000;
    /** Test images per class: 10 classes give 2,000 images. */
    public static final int TEST_PER_CLASS = 200;

    private SubsetMaker() {
    }

    /**
     * @param args optional source folder and target folder
     * @throws IOException if the source cannot be read or the target written
     */
    public static void main(String[] args) throws IOException {
        Path from = Paths.get(args.length > 0 ? args[0] : FashionMnist.DEBIAN_FOLDER);
        Path to = Paths.get(args.length > 1 ? args[1] : "samples/mortal-cli/src/main/resources/fashion-mnist-subset");
        make(FashionMnist.folder(from), to);
        System.out.println("wrote the subset to " + to.toAbsolutePath());
    }

    /**
     * Writes the subset of a full set.
     *
     * @param full   the full set
     * @param target output folder (created if needed)
     * @throws IOException if reading or writing fails
     */
    public static void make(FashionMnist full, Path target) throws IOException {
        LabelledImages train = full.train().firstPerClass(TRAIN_PER_CLASS);
        LabelledImages test = full.test().firstPerClass(TEST_PER_CLASS);
        IdxWriter.writeImages(train.images(), target.resolve(FashionMnist.TRAIN_IMAGES + ".gz"));
        IdxWriter.writeLabels(train.labels(), target.resolve(FashionMnist.TRAIN_LABELS + ".gz"));
        IdxWriter.writeImages(test.images(), target.resolve(FashionMnist.TEST_IMAGES + ".gz"));
        IdxWriter.writeLabels(test.labels(), target.resolve(FashionMnist.TEST_LABELS + ".gz"));
        System.out.println("train " + train.size() + " " + Arrays.toString(train.classCounts()) + ", test "
                + test.size() + " " + Arrays.toString(test.classCounts()));
    }
}
