package org.dl4jmortal.distill.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Runs a model over many rows in batches (bounded memory for chips and large evaluation sets). */
public final class Batched {
    private Batched() {
    }

    /**
     * @param model  maps {@code [batch, width]} to {@code [batch, k]}
     * @param inputs {@code [rows, width]}
     * @param batch  rows per call, {@code >= 1}
     * @return the outputs {@code [rows, k]}, row for row
     * @throws IllegalArgumentException if {@code batch < 1}
     */
    public static INDArray apply(UnaryOperator<INDArray> model, INDArray inputs, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < inputs.rows(); from += batch) {
            long to = Math.min(inputs.rows(), from + batch);
            parts.add(model.apply(inputs.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())).detach());
        }
        return Nd4j.vstack(parts);
    }
}
