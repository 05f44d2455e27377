package org.dl4jmortal.samples.inplace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sample (a): an analog multilayer perceptron trained in place on Fashion-MNIST. Run it from the repository root with
 * {@code mvn -q -pl samples/inplace-mlp -am compile exec:java} (options through {@code -Dexec.args="..."}); see the
 * module's README.
 */
@Command(name = "inplace-mlp", mixinStandardHelpOptions = true,
        description = "Train an analog MLP in place (pulsed device updates inside DL4J's fit()) on Fashion-MNIST.")
public final class InPlaceMlp implements Callable<Integer> {
    @Option(names = "--device", defaultValue = "soft-bounds", description = "pulsed device (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--hidden", defaultValue = "256,128", split = ",", description = "hidden layer widths (default: ${DEFAULT-VALUE})")
    List<Integer> hidden = new ArrayList<>();

    @Option(names = "--epochs", defaultValue = "3", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "minibatch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.1", description = "SGD learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--lr-decay", defaultValue = "0.8", description = "learning-rate factor per epoch (default: ${DEFAULT-VALUE})")
    double learningRateDecay;

    @Option(names = "--train-per-class", defaultValue = "1000", description = "training images per class (default: ${DEFAULT-VALUE})")
    int trainPerClass;

    @Option(names = "--test-per-class", defaultValue = "200", description = "test images per class (default: ${DEFAULT-VALUE})")
    int testPerClass;

    @Option(names = "--data", defaultValue = "embedded", description = "embedded, full or a folder (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "out/inplace-mlp", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    private InPlaceTraining.Result result;

    /**
     * @return 0
     * @throws Exception if the data cannot be read or the model not written
     * @throws IllegalArgumentException on a bad option value (the message says which and what is allowed)
     */
    @Override
    public Integer call() throws Exception {
        InPlaceMlpConfig config = new InPlaceMlpConfig(device, hidden, epochs, batch, learningRate, learningRateDecay,
                trainPerClass, testPerClass, data, seed, out);
        result = InPlaceTraining.run(config, System.out);
        return 0;
    }

    /** @return the result of the last {@link #call()}, or null before it */
    public InPlaceTraining.Result result() {
        return result;
    }

    /**
     * @param args the options (see {@code --help})
     */
    public static void main(String[] args) {
        int status = commandLine(new InPlaceMlp()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * @param sample the command object
     * @return its command line: a bad option value prints {@code inplace-mlp: error: ...} and exits with 3
     */
    public static CommandLine commandLine(InPlaceMlp sample) {
        CommandLine cl = new CommandLine(sample);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                line.getErr().println("inplace-mlp: error: " + e.getMessage());
                line.getErr().flush();
                return 3;
            }
            throw e;
        });
        return cl;
    }
}
