package org.dl4jmortal.samples.demo;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Top-1 accuracy of any model given as a batch function: a DL4J network ({@code net::output}) or a chip
 * ({@code tappedModel::output}). A row counts as correct when the index of its largest output equals the index of the
 * largest label value (the first index wins a tie, as {@code argMax} does).
 */
public final class Accuracy {
    private Accuracy() {
    }

    /**
     * @param model maps features {@code [batch, nIn]} to outputs {@code [batch, nClasses]}
     * @param data  labelled data, one-hot labels {@code [batch, nClasses]}; reset first (when supported) and consumed
     * @return correct rows / all rows, in {@code [0, 1]}
     * @throws IllegalArgumentException if the data is empty or an output does not have the labels' shape
     */
    public static double top1(Function<INDArray, INDArray> model, DataSetIterator data) {
        if (data.resetSupported()) {
            data.reset();
        }
        long correct = 0;
        long total = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray out = model.apply(batch.getFeatures());
            correct += countCorrect(out, batch.getLabels());
            total += batch.numExamples();
        }
        if (total == 0) {
            throw new IllegalArgumentException("no test rows: the data iterator is empty");
        }
        return (double) correct / total;
    }

    /**
     * @param outputs {@code [batch, nClasses]} scores or probabilities
     * @param labels  {@code [batch, nClasses]} one-hot
     * @return how many rows have the top output at the labelled class
     * @throws IllegalArgumentException if the shapes differ
     */
    public static long countCorrect(INDArray outputs, INDArray labels) {
        if (outputs.rank() != 2 || !java.util.Arrays.equals(outputs.shape(), labels.shape())) {
            throw new IllegalArgumentException("outputs have shape " + java.util.Arrays.toString(outputs.shape())
                    + " but labels " + java.util.Arrays.toString(labels.shape()) + "; both must be [batch, nClasses]");
        }
        long[] predicted = outputs.argMax(1).toLongVector();
        long[] truth = labels.argMax(1).toLongVector();
        long correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == truth[i]) {
                correct++;
            }
        }
        return correct;
    }
}
