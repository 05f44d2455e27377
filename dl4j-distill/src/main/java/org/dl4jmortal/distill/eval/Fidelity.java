package org.dl4jmortal.distill.eval;

import org.dl4jmortal.distill.loss.Distributions;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How faithful a copy is (DESIGN.md §4 words): top-1 agreement with the teacher's majority, mean
 * {@code KL(teacher || copy)} from the teacher's mean distribution over its K passes (nats, natural logarithm), and
 * the copy's own accuracy.
 *
 * @param agreement fraction of evaluation rows where the copy's top-1 class equals the teacher's majority
 * @param kl        mean Kullback–Leibler divergence, nats
 * @param accuracy  the copy's top-1 accuracy
 */
public record Fidelity(double agreement, double kl, double accuracy) {

    /**
     * @param copyProbabilities the copy's output probabilities on the evaluation rows {@code [rows, classes]}
     * @param reference         the teacher's reference on the same rows
     * @param eval              the rows and their labels
     * @return the fidelity
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static Fidelity of(INDArray copyProbabilities, TeacherReference reference, EvaluationSet eval) {
        int[] top = Distributions.top1(copyProbabilities);
        return new Fidelity(Distributions.agreement(top, reference.majority()),
                Distributions.meanKlDivergence(reference.meanProbabilities(), copyProbabilities),
                Distributions.agreement(top, eval.classes()));
    }

}
