package org.dl4jmortal.samples.cli;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.dl4jmortal.probe.record.DataSetIteratorSource;

/**
 * Opens a data folder for the command line ({@code --data DIR}), e.g. Fashion-MNIST IDX files: the parts in the
 * order their rows are to be exported (training images, then test images). Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.dl4jmortal.samples.cli.DataFolderLoader}) when a command is not given one explicitly.
 */
public interface DataFolderLoader {

    /**
     * @param dir       the data folder
     * @param batchSize rows per minibatch of the returned iterators, {@code > 0}
     * @return the parts in reading order, each with its name, iterator (features {@code [n, ...]} scaled as the model
     * expects) and row count
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if the folder does not hold the expected files (names the missing ones)
     */
    List<DataSetIteratorSource.Part> open(File dir, int batchSize) throws IOException;
}
