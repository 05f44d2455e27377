package org.dl4jmortal.probe.reconstruct;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A streaming least-squares fit of one layer, {@code Y = X W (+ 1 b) + noise}, fed chunk by chunk by the
 * {@link PeelingEngine} and solved at checkpoints. Implemented by {@link LinearFit} (normal equations, exact bound)
 * and {@link ActiveSetFit} (per-unit active rows of a wide ReLU layer, by preconditioned conjugate gradients).
 */
interface LayerFit {

    /**
     * @param x          regressors {@code [b, nIn]}
     * @param y          responses {@code [b, nOut]}
     * @param valid      0/1 validity {@code [b, nOut]}, or null for all valid
     * @param variance   true noise variance of the responses, {@code [ceil(b / stride), nOut]} for rows
     *                   {@code 0, stride, 2 stride, ...}, or null if unknown
     * @param rowWeights row weights {@code [b, 1]} (weighted least squares), or null for 1
     * @param stride     sampling stride of {@code variance}, {@code >= 1}
     * @throws IllegalArgumentException if the implementation cannot take a sampled variance with these arguments
     */
    void add(INDArray x, INDArray y, INDArray valid, INDArray variance, INDArray rowWeights, int stride);

    /** @return true if the bound is approximated, so the true noise of a systematic row sample suffices */
    boolean approximateBound();

    /**
     * @param ridge    ridge parameter {@code >= 0} relative to the mean diagonal of the Gram matrix (0 = OLS)
     * @param excluded input indices to report as dead (kept in the fit as nuisance parameters, zeroed in the result
     *                 and left out of the error and the bound)
     * @return the solution from the rows added so far
     */
    LinearFit.Solution solve(double ridge, Set<Integer> excluded);

    /**
     * @param ridge ridge parameter
     * @return {@link #solve(double, Set)} with nothing excluded
     */
    default LinearFit.Solution solve(double ridge) {
        return solve(ridge, Set.of());
    }
}
