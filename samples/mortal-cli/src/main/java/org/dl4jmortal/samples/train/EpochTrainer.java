package org.dl4jmortal.samples.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.demo.Accuracy;
import org.dl4jmortal.samples.io.Progress;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Trains a network epoch by epoch with DL4J's {@code fit(DataSet)} and measures test accuracy after each epoch. Counts
 * epochs on the network ({@code fit(DataSet)} counts iterations only), so epoch-based learning-rate schedules work.
 */
public final class EpochTrainer {
    private final Progress progress;
    private final PrintStream out;

    /**
     * @param progress where the batches of each epoch are shown
     * @param out      where one line per epoch is printed
     */
    public EpochTrainer(Progress progress, PrintStream out) {
        this.progress = progress;
        this.out = out;
    }

    /**
     * @param net    the network, trained in place (analog layers) or by its updater (digital layers)
     * @param train  training batches, features {@code [batch, 784]}, one-hot labels {@code [batch, 10]}; reset each
     *               epoch
     * @param test   test data; reset before each evaluation
     * @param epochs epochs, {@code >= 1}
     * @param name   the name shown in progress and printed lines
     * @return top-1 test accuracy after each epoch, in {@code [0, 1]}
     * @throws IllegalArgumentException if {@code epochs < 1}
     */
    public List<Double> fit(MultiLayerNetwork net, ImageDataSetIterator train, DataSetIterator test, int epochs,
                            String name) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        List<Double> curve = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            train.reset();
            try (Progress.Task task = progress.start(name + " epoch " + (e + 1) + "/" + epochs,
                    (train.data().size() + train.batch() - 1) / train.batch())) {
                while (train.hasNext()) {
                    net.fit(train.next());
                    task.step();
                }
            }
            net.incrementEpochCount();
            double acc = Accuracy.top1(net::output, test);
            curve.add(acc);
            out.printf(Locale.ROOT, "%s epoch %d: test accuracy %.4f%n", name, e + 1, acc);
        }
        return curve;
    }
}
