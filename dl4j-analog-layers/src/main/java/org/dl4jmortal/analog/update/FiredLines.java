package org.dl4jmortal.analog.update;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.dl4jmortal.analog.host.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The stochastic trains of one side of a pulsed update (the rows' x-trains or the columns' delta-trains of
 * {@link PulseCoincidence}), stacked over the batch: for every train slot, the lines that fire in it and the sign of
 * their value. Kept as index lists, because at the learning rates of training most lines stay silent in most slots.
 *
 * @param start slot {@code s} holds entries {@code start[s] .. start[s + 1] - 1} ({@code slots + 1} values)
 * @param line  the firing line of each entry
 * @param sign  {@code +1} or {@code -1}: the sign of the line's value
 * @param lines the number of lines {@code n}
 */
record FiredLines(int[] start, int[] line, byte[] sign, int lines) {

    /**
     * Below this ratio of coincidences to dense products ({@code slots * nIn * nOut}), counting pair by pair is
     * cheaper than two matrix products.
     */
    private static final double SPARSE_RATIO = 1.0 / 16;

    /** @return the number of slots */
    int slots() {
        return start.length - 1;
    }

    /**
     * Draws the trains of one side: in each of sample {@code b}'s {@code bl[b]} slots, line {@code i} fires with
     * probability {@code min(1, scale[b] |value[b, i]|)}; lines with probability 0 draw nothing.
     *
     * @param values row-major {@code [batch, n]}
     * @param n      lines
     * @param scale  {@code A_b} or {@code B_b} per sample
     * @param bl     bit length per sample
     * @param random the stream of this update's side
     * @return the fired lines of every slot, slots in sample order
     */
    static FiredLines draw(double[] values, int n, double[] scale, int[] bl, SplittableRandom random) {
        int slots = 0;
        for (int length : bl) {
            slots += length;
        }
        int[] start = new int[slots + 1];
        int[] line = new int[Math.max(16, slots * 4)];
        byte[] sign = new byte[line.length];
        int entries = 0;
        int slot = 0;
        double[] probability = new double[n];
        for (int b = 0; b < bl.length; b++) {
            if (bl[b] == 0) {
                continue;
            }
            int base = b * n;
            for (int i = 0; i < n; i++) {
                probability[i] = Math.min(1.0, scale[b] * Math.abs(values[base + i]));
            }
            for (int k = 0; k < bl[b]; k++) {
                start[slot] = entries;
                for (int i = 0; i < n; i++) {
                    double pi = probability[i];
                    if (pi > 0 && random.nextDouble() < pi) {
                        if (entries == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                            sign = Arrays.copyOf(sign, sign.length * 2);
                        }
                        line[entries] = i;
                        sign[entries] = values[base + i] > 0 ? (byte) 1 : (byte) -1;
                        entries++;
                    }
                }
                slot++;
            }
        }
        start[slots] = entries;
        return new FiredLines(start, line, sign, n);
    }

    /**
     * Counts the coincidences of two sides drawn for the same slots: a coincidence of row {@code i} and column
     * {@code j} moves device {@code ij} one pulse in the direction {@code -sign(x_i) sign(delta_j)}. Counted pair by
     * pair when the coincidences are few, else with the two products {@code T = X^T D} and
     * {@code S = (sign X)^T (sign D)} ({@code down = (T + S) / 2}, {@code up = (T - S) / 2}); both give the same
     * counts.
     *
     * @param rows    the x side ({@code nIn} lines)
     * @param columns the delta side ({@code nOut} lines), same slots
     * @param type    data type of the counts
     * @return up and down counts {@code [nIn, nOut]}
     */
    static PulseCounts coincidences(FiredLines rows, FiredLines columns, DataType type) {
        int slots = rows.slots();
        int nIn = rows.lines;
        int nOut = columns.lines;
        long pairs = 0;
        for (int s = 0; s < slots; s++) {
            pairs += (long) rows.firedIn(s) * columns.firedIn(s);
        }
        return pairs <= SPARSE_RATIO * slots * (double) nIn * nOut ? countPairwise(rows, columns, type)
                : countByProducts(rows, columns, type);
    }

    /** {@link #coincidences} pair by pair: a cost of one step per coincidence. */
    static PulseCounts countPairwise(FiredLines rows, FiredLines columns, DataType type) {
        int nIn = rows.lines;
        int nOut = columns.lines;
        float[] up = new float[nIn * nOut];
        float[] down = new float[nIn * nOut];
        for (int s = 0; s < rows.slots(); s++) {
            for (int e = rows.start[s]; e < rows.start[s + 1]; e++) {
                int base = rows.line[e] * nOut;
                byte sx = rows.sign[e];
                for (int f = columns.start[s]; f < columns.start[s + 1]; f++) {
                    if (sx == columns.sign[f]) {
                        down[base + columns.line[f]]++;
                    } else {
                        up[base + columns.line[f]]++;
                    }
                }
            }
        }
        return new PulseCounts(HostArrays.fromFloats(up, nIn, nOut, type),
                HostArrays.fromFloats(down, nIn, nOut, type), rows.slots());
    }

    /** {@link #coincidences} by two dense matrix products over the slots. */
    static PulseCounts countByProducts(FiredLines rows, FiredLines columns, DataType type) {
        INDArray total = rows.dense(false, type).transpose().mmul(columns.dense(false, type));
        INDArray signed = rows.dense(true, type).transpose().mmul(columns.dense(true, type));
        INDArray down = Transforms.round(total.add(signed).muli(0.5), false);
        INDArray up = Transforms.round(total.subi(signed).muli(0.5), false);
        return new PulseCounts(up, down, rows.slots());
    }

    private int firedIn(int slot) {
        return start[slot + 1] - start[slot];
    }

    /** @return the trains as a dense {@code [slots, n]} matrix of 0/1, or of 0/sign when {@code signed} */
    private INDArray dense(boolean signed, DataType type) {
        int slots = slots();
        float[] m = new float[slots * lines];
        for (int s = 0; s < slots; s++) {
            for (int e = start[s]; e < start[s + 1]; e++) {
                m[s * lines + line[e]] = signed ? sign[e] : 1f;
            }
        }
        return HostArrays.fromFloats(m, slots, lines, type);
    }
}
