package org.dl4jmortal.samples.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017, MIT licence, Copyright 2017 Zalando SE) comes from, and its
 * loading. Three sources:
 * <ul>
 *   <li>{@link #embedded()}: the deterministic class-balanced subset shipped in this jar (10,000 training and 2,000
 *       test images, the first 1,000 and 200 of each class in file order; see {@link SubsetMaker});</li>
 *   <li>{@link #folder(Path)}: a folder holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 *       {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each raw or with {@code .gz};</li>
 *   <li>{@link #debian()}: Debian's {@code dataset-fashion-mnist} package folder, {@value #DEBIAN_FOLDER}.</li>
 * </ul>
 * The command line's {@code --data} option maps to these through {@link #resolve(String, DefaultSource)}.
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the full set. */
    public static final String DEBIAN_FOLDER = "/usr/share/datasets/fashion-mnist";
    /** The {@code --data} keyword for Debian's package folder. */
    public static final String FULL_KEYWORD = "full";
    /** The {@code --data} keyword for the embedded subset. */
    public static final String EMBEDDED_KEYWORD = "embedded";
    /** The {@code source} name written to metrics for the embedded subset. */
    public static final String EMBEDDED_SOURCE = "embedded";
    /** Number of classes. */
    public static final int CLASSES = 10;
    /** Classpath folder of the embedded subset. */
    public static final String RESOURCE_FOLDER = "/fashion-mnist-subset/";
    /** File name stem of the training images. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** File name stem of the training labels. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** File name stem of the test images. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** File name stem of the test labels. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The class names, index = label (Xiao et al. 2017, table 1). */
    public static final String[] CLASS_NAMES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
        "Shirt", "Sneaker", "Bag", "Ankle boot"};

    /** What {@link #resolve} uses when {@code --data} is not given. */
    public enum DefaultSource {
        /** The embedded subset (the demo: it must run anywhere, fast). */
        EMBEDDED,
        /** Debian's package folder when it exists, else the embedded subset (evaluation commands). */
        DEBIAN_IF_PRESENT
    }

    private final Path folder;

    private FashionMnist(Path folder) {
        this.folder = folder;
    }

    /** @return the embedded subset */
    public static FashionMnist embedded() {
        return new FashionMnist(null);
    }

    /**
     * @param folder a folder with the four IDX files (raw or {@code .gz})
     * @return that source
     * @throws IllegalArgumentException if the folder does not exist or lacks a file (naming the names looked for)
     */
    public static FashionMnist folder(Path folder) {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--data " + folder + ": no such folder; give a folder holding "
                    + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS
                    + " (each raw or .gz), '" + FULL_KEYWORD + "' for " + DEBIAN_FOLDER + ", or '"
                    + EMBEDDED_KEYWORD + "'");
        }
        for (String stem : new String[]{TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS}) {
            locate(folder, stem);
        }
        return new FashionMnist(folder);
    }

    /**
     * @return Debian's package folder
     * @throws IllegalArgumentException if it is not installed (saying how to install it)
     */
    public static FashionMnist debian() {
        return debian(Paths.get(DEBIAN_FOLDER));
    }

    /**
     * @param debianFolder where the package is expected (a parameter so that its absence can be tested)
     * @return that folder as a source
     * @throws IllegalArgumentException if the folder does not exist (saying how to install the package)
     */
    static FashionMnist debian(Path debianFolder) {
        if (!Files.isDirectory(debianFolder)) {
            throw new IllegalArgumentException("--data " + FULL_KEYWORD + ": the full Fashion-MNIST set is not "
                    + "installed (no folder " + debianFolder + "); install it with "
                    + "'sudo apt-get install dataset-fashion-mnist', or give --data DIR");
        }
        return folder(debianFolder);
    }

    /**
     * Maps the command line's {@code --data} value to a source.
     *
     * @param option       {@code null} (not given), {@value #EMBEDDED_KEYWORD}, {@value #FULL_KEYWORD}, or a folder
     * @param defaultSource what to use when {@code option} is {@code null}
     * @return the source
     * @throws IllegalArgumentException if the folder or the Debian package is missing
     */
    public static FashionMnist resolve(String option, DefaultSource defaultSource) {
        return resolve(option, defaultSource, Paths.get(DEBIAN_FOLDER));
    }

    static FashionMnist resolve(String option, DefaultSource defaultSource, Path debianFolder) {
        if (option == null) {
            if (defaultSource == DefaultSource.DEBIAN_IF_PRESENT && Files.isDirectory(debianFolder)) {
                return folder(debianFolder);
            }
            return embedded();
        }
        if (option.equals(EMBEDDED_KEYWORD)) {
            return embedded();
        }
        if (option.equals(FULL_KEYWORD)) {
            return debian(debianFolder);
        }
        return folder(Paths.get(option));
    }

    /** @return {@value #EMBEDDED_SOURCE} or the absolute folder path */
    public String sourceName() {
        return folder == null ? EMBEDDED_SOURCE : folder.toAbsolutePath().normalize().toString();
    }

    /**
     * @return the training split
     * @throws IdxFormatException if a file is corrupt or the image and label files disagree
     * @throws IOException        if a file cannot be read
     */
    public LabelledImages train() throws IOException {
        return load(TRAIN_IMAGES, TRAIN_LABELS);
    }

    /**
     * @return the test split
     * @throws IdxFormatException if a file is corrupt or the image and label files disagree
     * @throws IOException        if a file cannot be read
     */
    public LabelledImages test() throws IOException {
        return load(TEST_IMAGES, TEST_LABELS);
    }

    private LabelledImages load(String imagesStem, String labelsStem) throws IOException {
        if (folder == null) {
            String imagesName = RESOURCE_FOLDER + imagesStem + ".gz";
            String labelsName = RESOURCE_FOLDER + labelsStem + ".gz";
            IdxImages images;
            byte[] labels;
            try (InputStream in = resource(imagesName)) {
                images = IdxReader.readImages(in, "classpath:" + imagesName);
            }
            try (InputStream in = resource(labelsName)) {
                labels = IdxReader.readLabels(in, "classpath:" + labelsName);
            }
            return checked(LabelledImages.of(images, labels, CLASSES, imagesName, labelsName), imagesName);
        }
        Path imagesFile = locate(folder, imagesStem);
        Path labelsFile = locate(folder, labelsStem);
        IdxImages images = IdxReader.readImages(imagesFile);
        byte[] labels = IdxReader.readLabels(labelsFile);
        return checked(LabelledImages.of(images, labels, CLASSES, imagesFile.toString(), labelsFile.toString()),
                imagesFile.toString());
    }

    private static LabelledImages checked(LabelledImages data, String name) throws IdxFormatException {
        IdxImages im = data.images();
        if (im.rows() != 28 || im.columns() != 28) {
            throw new IdxFormatException(name + ": images are " + im.rows() + "x" + im.columns()
                    + " pixels; Fashion-MNIST images are 28x28");
        }
        return data;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = FashionMnist.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the embedded Fashion-MNIST subset is missing from the class path (" + name
                    + "); rebuild the samples module, or give --data DIR");
        }
        return in;
    }

    private static Path locate(Path folder, String stem) {
        Path raw = folder.resolve(stem);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = folder.resolve(stem + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new IllegalArgumentException("--data " + folder + ": missing " + stem + " (looked for " + raw
                + " and " + gz + "); the folder must hold " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", "
                + TEST_IMAGES + " and " + TEST_LABELS + ", each raw or .gz");
    }
}
