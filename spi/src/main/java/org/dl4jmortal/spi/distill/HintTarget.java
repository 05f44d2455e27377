package org.dl4jmortal.spi.distill;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A hint (Romero et al., FitNets, ICLR 2015): the activations of one student layer should predict the values of one
 * teacher tap through a learned linear regressor, under a mean squared error weighted by {@code weight}.
 *
 * @param studentLayer the student layer whose output (after its activation) is guided
 * @param teacherTap   the teacher tap it is matched to, {@code <layer>.pre} or {@code <layer>.post}
 * @param values       the teacher tap's values for the batch rows {@code [batch, tapWidth]}
 * @param weight       weight of this hint's MSE in the total loss, finite and {@code >= 0}
 */
public record HintTarget(String studentLayer, String teacherTap, INDArray values, double weight) {

    /**
     * @throws NullPointerException     if a reference is null
     * @throws IllegalArgumentException if the values are not a matrix or the weight is negative or not finite
     */
    public HintTarget {
        Objects.requireNonNull(studentLayer, "studentLayer");
        Objects.requireNonNull(teacherTap, "teacherTap");
        Objects.requireNonNull(values, "values");
        if (values.rank() != 2) {
            throw new IllegalArgumentException("hint values for " + teacherTap + " must be [batch, width], got rank "
                    + values.rank());
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("hint weight must be finite and >= 0, got " + weight);
        }
    }
}
