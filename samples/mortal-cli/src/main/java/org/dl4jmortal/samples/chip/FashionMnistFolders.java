package org.dl4jmortal.samples.chip;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.dl4jmortal.probe.record.DataSetIteratorSource;
import org.dl4jmortal.samples.cli.DataFolderLoader;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.data.LabelledImages;

/**
 * The taps command's {@code --data}: Fashion-MNIST training images, then test images, in file order (features
 * {@code [batch, 784]} in [0, 1]); {@code full} and {@code embedded} are understood as for the other commands.
 */
public class FashionMnistFolders implements DataFolderLoader {

    /** For ServiceLoader. */
    public FashionMnistFolders() {
    }

    @Override
    public List<DataSetIteratorSource.Part> open(File dir, int batchSize) throws IOException {
        FashionMnist source = FashionMnist.resolve(dir.getPath(), FashionMnist.DefaultSource.EMBEDDED);
        LabelledImages train = source.train();
        LabelledImages test = source.test();
        return List.of(
                new DataSetIteratorSource.Part("train", new ImageDataSetIterator(train, batchSize, false, 0), train.size()),
                new DataSetIteratorSource.Part("test", new ImageDataSetIterator(test, batchSize, false, 0), test.size()));
    }
}
