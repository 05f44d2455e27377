package org.dl4jmortal.distill.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dl4jmortal.distill.loss.Distributions;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TapPosition;
import org.dl4jmortal.spi.chip.TappedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reading a teacher (DESIGN.md §4): its outputs and taps over many rows in query batches (every row counted in its
 * ledger), and its distribution at a temperature from what its output reports: probabilities (a softmax output) or
 * logits (an identity output), as the activation of its last {@code .post} tap says.
 */
public final class TeacherOutputs {

    /** What a teacher's output rows are. */
    public enum Kind {
        /** Softmax probabilities: {@code p^T} is computed as {@code p^(1/T)} renormalised. */
        PROBABILITIES,
        /** Logits: {@code p^T = softmax(z / T)}. */
        LOGITS
    }

    /**
     * Values read from a teacher.
     *
     * @param outputs the outputs {@code [rows, classes]}
     * @param taps    tap name to values {@code [rows, width]}
     */
    public record Read(INDArray outputs, Map<String, INDArray> taps) {
    }

    private TeacherOutputs() {
    }

    /**
     * @param teacher the black box
     * @return what its output rows are
     * @throws IllegalArgumentException if the last layer's activation is neither {@code softmax} nor {@code identity}
     */
    public static Kind kind(TappedModel teacher) {
        TapPoint last = null;
        for (TapPoint t : teacher.taps()) {
            if (t.position() == TapPosition.POST) {
                last = t;
            }
        }
        String activation = last == null ? "softmax" : last.activation().toLowerCase(Locale.ROOT);
        return switch (activation) {
            case "softmax" -> Kind.PROBABILITIES;
            case "identity" -> Kind.LOGITS;
            default -> throw new IllegalArgumentException("the teacher's output activation is '" + activation
                    + "'; distillation needs class probabilities (softmax) or logits (identity)");
        };
    }

    /**
     * @param outputs     the teacher's output rows
     * @param kind        what they are
     * @param temperature T
     * @return the teacher's distribution at T {@code [rows, classes]} FLOAT
     */
    public static INDArray atTemperature(INDArray outputs, Kind kind, double temperature) {
        INDArray p = kind == Kind.PROBABILITIES ? Distributions.temperatureScaled(outputs, temperature)
                : Distributions.softmax(outputs, temperature);
        return p.castTo(DataType.FLOAT);
    }

    /**
     * @param outputs the teacher's output rows
     * @param kind    what they are
     * @return its probabilities at T = 1 {@code [rows, classes]} DOUBLE
     */
    public static INDArray probabilities(INDArray outputs, Kind kind) {
        return kind == Kind.PROBABILITIES ? outputs.castTo(DataType.DOUBLE) : Distributions.softmax(outputs, 1.0);
    }

    /**
     * Queries the teacher once on every row, in batches.
     *
     * @param teacher    the black box (its ledger counts the rows and tap reads)
     * @param inputs     {@code [rows, inputSize]}
     * @param taps       tap names to read (may be empty)
     * @param queryBatch rows per query call, {@code >= 1}
     * @return outputs and taps, row for row (FLOAT)
     * @throws IllegalArgumentException if the teacher rejects the input or a tap name (its message lists the valid
     *                                  taps)
     */
    public static Read query(TappedModel teacher, INDArray inputs, List<String> taps, int queryBatch) {
        long n = inputs.rows();
        List<INDArray> outs = new ArrayList<>();
        Map<String, List<INDArray>> tapParts = new LinkedHashMap<>();
        for (String t : taps) {
            tapParts.put(t, new ArrayList<>());
        }
        for (long from = 0; from < n; from += queryBatch) {
            long to = Math.min(n, from + queryBatch);
            INDArray x = inputs.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            QueryResult r = teacher.query(x, taps);
            outs.add(r.output().castTo(DataType.FLOAT));
            for (String t : taps) {
                tapParts.get(t).add(r.tap(t).castTo(DataType.FLOAT));
            }
        }
        Map<String, INDArray> tapValues = new LinkedHashMap<>();
        tapParts.forEach((t, parts) -> tapValues.put(t, Nd4j.vstack(parts)));
        return new Read(Nd4j.vstack(outs), tapValues);
    }
}
