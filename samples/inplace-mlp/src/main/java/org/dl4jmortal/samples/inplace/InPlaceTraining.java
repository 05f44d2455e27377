package org.dl4jmortal.samples.inplace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.data.LabelledImages;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Trains {@link InPlaceNetwork} with DL4J's own {@code fit()} and measures test accuracy with DL4J's
 * {@link Evaluation} after every epoch, then saves the network with {@link ModelSerializer} (the device states are
 * part of the layers' parameters, so the file holds the whole trained chip).
 */
public final class InPlaceTraining {

    /**
     * What a run produced.
     *
     * @param network      the trained network
     * @param testAccuracy top-1 test accuracy after each epoch, fractions in {@code [0, 1]}
     * @param trainImages  training images used
     * @param testImages   test images used
     * @param seconds      wall-clock seconds of training and evaluation
     * @param model        the saved model file
     */
    public record Result(MultiLayerNetwork network, List<Double> testAccuracy, int trainImages, int testImages,
                         double seconds, Path model) {
    }

    private InPlaceTraining() {
    }

    /**
     * @param config what to train
     * @param log    where progress lines go
     * @return the trained network and its accuracies
     * @throws IOException              if the data cannot be read or the model not written
     * @throws IllegalArgumentException if the device has no pulse rule, the data folder is missing, or a class has
     *                                  fewer images than asked for
     */
    public static Result run(InPlaceMlpConfig config, PrintStream log) throws IOException {
        FashionMnist source = FashionMnist.resolve(config.data(), FashionMnist.DefaultSource.EMBEDDED);
        LabelledImages train = source.train().firstPerClass(config.trainPerClass());
        LabelledImages test = source.test().firstPerClass(config.testPerClass());
        ImageDataSetIterator trainData = new ImageDataSetIterator(train, config.batch(), true, config.seed());
        ImageDataSetIterator testData = new ImageDataSetIterator(test, 500, false, 0);

        MultiLayerNetwork network = InPlaceNetwork.create(config);
        log.printf("training %s in place on device %s: %d training and %d test images (%s), %d epochs%n",
                shape(config), config.device(), train.size(), test.size(), source.sourceName(), config.epochs());
        long start = System.nanoTime();
        List<Double> accuracy = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            network.fit(trainData);                              // pulses move the devices, sample by sample
            Evaluation evaluation = network.evaluate(testData);  // read through DAC, crossbar and ADC
            accuracy.add(evaluation.accuracy());
            log.printf("epoch %d: test accuracy %.4f (%.0f s)%n", epoch, evaluation.accuracy(),
                    (System.nanoTime() - start) / 1e9);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.createDirectories(config.out());
        Path model = config.out().resolve("model.zip");
        ModelSerializer.writeModel(network, model.toFile(), false);
        log.printf("saved %s (restore it with ModelSerializer.restoreMultiLayerNetwork)%n", model);
        return new Result(network, List.copyOf(accuracy), train.size(), test.size(), seconds, model);
    }

    private static String shape(InPlaceMlpConfig config) {
        StringBuilder b = new StringBuilder("MLP ").append(InPlaceNetwork.INPUTS);
        config.hidden().forEach(h -> b.append('-').append(h));
        return b.append('-').append(InPlaceNetwork.CLASSES).toString();
    }
}
