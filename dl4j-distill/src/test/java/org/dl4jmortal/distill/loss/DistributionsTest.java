package org.dl4jmortal.distill.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Distributions against values worked out by hand (natural logarithms, nats). */
class DistributionsTest {

    @Test
    void klDivergenceMatchesHandComputation() {
        // KL([1/2, 1/2] || [1/4, 3/4]) = 1/2 ln 2 + 1/2 ln(2/3) = 0.1438410362258904
        // KL([1, 0] || [1/2, 1/2]) = ln 2 (the zero entry contributes 0 log 0 = 0)
        double[] kl = Distributions.klDivergence(Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {1, 0}}),
                Nd4j.createFromArray(new double[][] {{0.25, 0.75}, {0.5, 0.5}}));
        assertEquals(0.1438410362258904, kl[0], 1e-12);
        assertEquals(0.6931471805599453, kl[1], 1e-12);
        assertEquals((0.1438410362258904 + 0.6931471805599453) / 2, Distributions.meanKlDivergence(
                Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {1, 0}}),
                Nd4j.createFromArray(new double[][] {{0.25, 0.75}, {0.5, 0.5}})), 1e-12);
    }

    @Test
    void divergenceOfADistributionFromItselfIsZero() {
        double[] kl = Distributions.klDivergence(Nd4j.createFromArray(new double[][] {{0.2, 0.3, 0.5}}),
                Nd4j.createFromArray(new double[][] {{0.2, 0.3, 0.5}}));
        assertEquals(0.0, kl[0], 1e-15);
    }

    @Test
    void softmaxMatchesHandComputation() {
        // e^1, e^2, e^3 over their sum 30.19287485057736
        double[][] p = Distributions.toRows(Distributions.softmax(Nd4j.createFromArray(new double[][] {{1, 2, 3}}), 1));
        assertArrayEquals(new double[] {0.09003057317038046, 0.24472847105479767, 0.6652409557748219}, p[0], 1e-12);
        // at T = 2 the logits halve: e^0.5, e^1, e^1.5 over 8.0105...
        double[][] q = Distributions.toRows(Distributions.softmax(Nd4j.createFromArray(new double[][] {{1, 2, 3}}), 2));
        double s = Math.exp(0.5) + Math.exp(1) + Math.exp(1.5);
        assertArrayEquals(new double[] {Math.exp(0.5) / s, Math.exp(1) / s, Math.exp(1.5) / s}, q[0], 1e-12);
    }

    @Test
    void temperatureScalingOfProbabilitiesEqualsSoftmaxOfLogitsOverT() {
        // p = softmax([1, 2, 3]); at T = 2, p^(1/2) renormalised must equal softmax([0.5, 1, 1.5])
        double s1 = Math.exp(1) + Math.exp(2) + Math.exp(3);
        double[][] p = {{Math.exp(1) / s1, Math.exp(2) / s1, Math.exp(3) / s1}};
        double[][] scaled = Distributions.toRows(Distributions.temperatureScaled(Nd4j.createFromArray(p), 2));
        double s2 = Math.exp(0.5) + Math.exp(1) + Math.exp(1.5);
        assertArrayEquals(new double[] {Math.exp(0.5) / s2, Math.exp(1) / s2, Math.exp(1.5) / s2}, scaled[0], 1e-12);
        // sqrt of [0.7, 0.2, 0.1] over their sum 1.6001014...
        double[][] r = Distributions.toRows(Distributions.temperatureScaled(
                Nd4j.createFromArray(new double[][] {{0.7, 0.2, 0.1}}), 2));
        assertArrayEquals(new double[] {0.5228793830, 0.2794907865, 0.1976298304}, r[0], 1e-9);
    }

    @Test
    void agreementCountsEqualTopClasses() {
        assertEquals(0.75, Distributions.agreement(new int[] {0, 1, 2, 3}, new int[] {0, 1, 0, 3}), 0);
        assertArrayEquals(new int[] {2, 0}, Distributions.top1(Nd4j.createFromArray(new double[][] {{0.1, 0.2, 0.7},
            {0.5, 0.5, 0}})));
        assertThrows(IllegalArgumentException.class, () -> Distributions.agreement(new int[] {1}, new int[] {1, 2}));
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> Distributions.softmax(Nd4j.createFromArray(new double[][] {{1, 2}}), 0));
        assertTrue(t.getMessage().contains("temperature T must be a finite number > 0"), t.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> Distributions.temperatureScaled(Nd4j.createFromArray(new double[][] {{1.2, -0.2}}), 2));
        assertTrue(neg.getMessage().contains("row 0 column 1"), neg.getMessage());
    }
}
