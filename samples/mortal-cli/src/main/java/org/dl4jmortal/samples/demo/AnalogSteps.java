package org.dl4jmortal.samples.demo;

import java.io.File;
import java.io.IOException;
import org.dl4jmortal.samples.io.Progress;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The chip-dependent part of the demo ({@link DemoJob}): convert the trained digital network to an analog chip,
 * program it, save the chip image, and measure test accuracy as the chip drifts. Everything else in the demo is
 * digital. Implementations are found with {@link java.util.ServiceLoader} by {@link AnalogStepsLocator}.
 */
public interface AnalogSteps {

    /**
     * @return the name shown in reports and used to pick this implementation, for example {@code "pcm"}
     */
    String name();

    /**
     * Converts, programs, saves and evaluates.
     *
     * @param digital      the trained network, input {@code [batch, 784]}, output {@code [batch, 10]}; not modified
     * @param test         test data, features {@code [batch, 784]} in {@code [0, 1]}, one-hot labels {@code [batch, 10]};
     *                     reset before each pass
     * @param seed         the seed of the chip (programming noise, drift exponents, read noise: every draw)
     * @param timesSeconds times since programming at which to evaluate, in seconds, non-negative, increasing
     * @param repeats      read-noise draws per time, {@code >= 1}; the mean and sample standard deviation are
     *                     reported
     * @param chipZip      where to save the programmed chip image
     * @param progress     where to show progress of the evaluation passes
     * @return one {@link DriftPoint} per time, in the order of {@code timesSeconds}
     * @throws IOException              if the chip image cannot be written
     * @throws IllegalArgumentException if the network cannot be converted or an argument is out of range
     */
    ChipEvaluation convertAndEvaluate(MultiLayerNetwork digital, DataSetIterator test, long seed,
                                      double[] timesSeconds, int repeats, File chipZip, Progress progress)
            throws IOException;
}
