package org.dl4jmortal.samples.copyout;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Top-1 agreement, the fidelity measure of DESIGN.md §4: the fraction of inputs on which two models give the same
 * class. Against a noisy chip the reference is its majority vote over {@code K} passes. Pure functions.
 */
public final class Agreement {
    private Agreement() {
    }

    /**
     * @param outputs {@code K >= 1} outputs of one chip on the same inputs, each {@code [n, classes]}
     * @return per input the class chosen most often; ties go to the smallest class index
     * @throws IllegalArgumentException if the list is empty or the shapes differ
     */
    public static int[] majority(List<INDArray> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a majority vote needs at least one pass");
        }
        long n = outputs.get(0).rows();
        int classes = (int) outputs.get(0).columns();
        int[][] votes = new int[(int) n][classes];
        for (INDArray o : outputs) {
            if (o.rows() != n || o.columns() != classes) {
                throw new IllegalArgumentException("passes of different shapes: [" + n + ", " + classes + "] and ["
                        + o.rows() + ", " + o.columns() + "]");
            }
            int[] top = top1(o);
            for (int i = 0; i < n; i++) {
                votes[i][top[i]]++;
            }
        }
        int[] out = new int[(int) n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[i][c] > votes[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * @param output {@code [n, classes]} scores
     * @return per row the index of the largest score
     */
    public static int[] top1(INDArray output) {
        return Objects.requireNonNull(output, "output").argMax(1).toIntVector();
    }

    /**
     * @param a classes, one per input
     * @param b classes, as many
     * @return the fraction of equal entries, in {@code [0, 1]}
     * @throws IllegalArgumentException if the lengths differ or are 0
     */
    public static double agreement(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("agreement needs two equally long, non-empty label lists, got "
                    + a.length + " and " + b.length);
        }
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }
}
