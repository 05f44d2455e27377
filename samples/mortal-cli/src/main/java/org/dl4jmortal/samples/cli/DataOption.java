package org.dl4jmortal.samples.cli;

import org.dl4jmortal.samples.data.FashionMnist;
import picocli.CommandLine.Option;

/**
 * The {@code --data} option (a picocli mixin): {@code embedded} (the subset inside the jar), {@code full} (Debian's
 * {@code dataset-fashion-mnist} package, {@value FashionMnist#DEBIAN_FOLDER}), or a folder with the four IDX files.
 * What an absent option means is the command's choice ({@link FashionMnist.DefaultSource}).
 */
public final class DataOption {
    @Option(names = "--data", paramLabel = "DIR|full|embedded",
            description = "Fashion-MNIST: a folder with train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                    + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]; 'full' for "
                    + FashionMnist.DEBIAN_FOLDER + " (apt-get install dataset-fashion-mnist); 'embedded' for the "
                    + "10,000/2,000-image subset inside the jar")
    String data;

    /**
     * @param defaultSource what an absent option means
     * @return the data source
     * @throws UserInputException if the folder or the Debian package is missing
     */
    public FashionMnist resolve(FashionMnist.DefaultSource defaultSource) {
        try {
            return FashionMnist.resolve(data, defaultSource);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** @return the raw value, or {@code null} when absent */
    public String value() {
        return data;
    }
}
