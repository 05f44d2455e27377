package org.dl4jmortal.distill.eval;

import java.util.List;
import org.dl4jmortal.distill.loss.Distributions;
import org.dl4jmortal.distill.method.TeacherOutputs;
import org.dl4jmortal.spi.chip.TappedModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reference a copy of a noisy teacher is measured against (DESIGN.md §4): the teacher's top-1 class by majority
 * vote over {@code K} passes on the evaluation inputs (a tie goes to the tied class with the larger mean probability,
 * then to the lower index), and beside it the teacher's <em>self-agreement</em>: one further, independent pass against
 * that majority (nothing can agree with a noisy chip more often than it agrees with itself). Also the teacher's mean
 * output distribution over the K passes (the reference of the KL divergence), its single-pass accuracy (mean and
 * sample standard deviation over the K passes) and the majority's accuracy. {@code (K + 1) rows} queries are spent,
 * counted in the teacher's ledger.
 *
 * @param passes           K
 * @param majority         the majority class of every row
 * @param meanProbabilities the teacher's probabilities averaged over the K passes {@code [rows, classes]} DOUBLE
 * @param selfAgreement    agreement of the extra pass with the majority
 * @param accuracy         mean single-pass accuracy over the K passes
 * @param accuracyStd      sample standard deviation of the single-pass accuracy (0 for K = 1)
 * @param majorityAccuracy accuracy of the majority classes
 * @param queries          queries spent
 */
public record TeacherReference(int passes, int[] majority, INDArray meanProbabilities, double selfAgreement,
                               double accuracy, double accuracyStd, double majorityAccuracy, long queries) {
    /** Default number of passes K. */
    public static final int DEFAULT_PASSES = 5;

    /**
     * @param teacher    the black box
     * @param eval       the evaluation rows
     * @param passes     K, {@code >= 1}
     * @param queryBatch rows per query call
     * @return the reference
     * @throws IllegalArgumentException if {@code passes < 1}, or the evaluation rows have the wrong width
     */
    public static TeacherReference measure(TappedModel teacher, EvaluationSet eval, int passes, int queryBatch) {
        if (passes < 1) {
            throw new IllegalArgumentException("the teacher's majority needs K >= 1 passes, got " + passes);
        }
        if (eval.inputs().columns() != teacher.inputSize()) {
            throw new IllegalArgumentException("evaluation rows have " + eval.inputs().columns()
                    + " values but the teacher takes " + teacher.inputSize());
        }
        long q0 = teacher.ledger().queries();
        TeacherOutputs.Kind kind = TeacherOutputs.kind(teacher);
        int n = eval.rows();
        int k = teacher.outputSize();
        int[] truth = eval.classes();
        int[][] votes = new int[n][k];
        double[][] probSum = new double[n][k];
        double[] acc = new double[passes];
        for (int pass = 0; pass < passes; pass++) {
            INDArray p = TeacherOutputs.probabilities(TeacherOutputs.query(teacher, eval.inputs(), List.of(),
                    queryBatch).outputs(), kind);
            double[][] pm = Distributions.toRows(p);
            int[] top = Distributions.top1(p);
            for (int i = 0; i < n; i++) {
                votes[i][top[i]]++;
                for (int j = 0; j < k; j++) {
                    probSum[i][j] += pm[i][j];
                }
            }
            acc[pass] = Distributions.agreement(top, truth);
        }
        int[] majority = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (votes[i][j] > votes[i][best] || (votes[i][j] == votes[i][best] && probSum[i][j] > probSum[i][best])) {
                    best = j;
                }
            }
            majority[i] = best;
            for (int j = 0; j < k; j++) {
                probSum[i][j] /= passes;
            }
        }
        int[] extra = Distributions.top1(TeacherOutputs.query(teacher, eval.inputs(), List.of(), queryBatch).outputs());
        double mean = 0;
        for (double a : acc) {
            mean += a;
        }
        mean /= passes;
        double ss = 0;
        for (double a : acc) {
            ss += (a - mean) * (a - mean);
        }
        return new TeacherReference(passes, majority, Distributions.array(probSum),
                Distributions.agreement(extra, majority), mean, passes > 1 ? Math.sqrt(ss / (passes - 1)) : 0.0,
                Distributions.agreement(majority, truth), teacher.ledger().queries() - q0);
    }
}
