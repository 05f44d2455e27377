package org.dl4jmortal.probe.reconstruct;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Inverts a layer's activation on {@code .post} tap values, so that a reconstructor can regress the pre-activation
 * (DESIGN.md §4 "After a nonlinearity"). Because the activation is applied digitally to the noisy analog
 * pre-activation, the inverse recovers that noisy pre-activation (plus bias) exactly wherever the activation is
 * invertible in float32; where it is not (saturated tanh/sigmoid, an inactive ReLU, a softmax probability that
 * underflows) the value is marked invalid. Pure functions.
 * <ul>
 *   <li>identity: {@code z = y}, always valid;</li>
 *   <li>tanh: {@code z = atanh(y)}, valid where {@code |y| < 1 - SATURATION} (derivative {@code 1 - y^2} above
 *       {@code ~2 SATURATION});</li>
 *   <li>sigmoid: {@code z = ln(y / (1 - y))}, valid where {@code SATURATION < y < 1 - SATURATION};</li>
 *   <li>relu: {@code z = y}, valid where {@code y > 0} (only active probes count);</li>
 *   <li>softmax: {@code z = ln y - mean_j ln y}, identifiable only up to a per-row shared offset, so the centred
 *       value is returned (the zero-mean convention); valid where every {@code y > MIN_PROBABILITY}.</li>
 * </ul>
 */
public final class ActivationInversion {
    /** Distance from the saturation value below which tanh and sigmoid are treated as not invertible. */
    public static final double SATURATION = 1e-4;
    /** Smallest softmax probability that is inverted (float32 keeps ~7 digits of ln y above it). */
    public static final double MIN_PROBABILITY = 1e-30;

    private ActivationInversion() {
    }

    /**
     * @param activation DL4J activation name ({@code identity, relu, tanh, sigmoid, softmax})
     * @return true if {@link #invert} supports it
     */
    public static boolean supported(String activation) {
        return switch (activation.toLowerCase(Locale.ROOT)) {
            case "identity", "relu", "tanh", "sigmoid", "softmax" -> true;
            default -> false;
        };
    }

    /**
     * @param activation a supported activation name
     * @return true if its inverse is known only up to a per-row shared offset (softmax)
     */
    public static boolean sharedOffset(String activation) {
        return "softmax".equalsIgnoreCase(activation);
    }

    /**
     * @param activation a supported activation name
     * @param post       {@code .post} tap values {@code [batch, nOut]}
     * @return {@code {z, valid}}: the pre-activation (plus bias) {@code [batch, nOut]} DOUBLE, and a 0/1 mask of
     * the same shape marking the invertible entries
     * @throws IllegalArgumentException if the activation is not supported (lists the supported ones)
     */
    public static INDArray[] invert(String activation, INDArray post) {
        INDArray y = post.castTo(DataType.DOUBLE);
        switch (activation.toLowerCase(Locale.ROOT)) {
            case "identity":
                return new INDArray[] {y.dup(), Nd4j.onesLike(y)};
            case "relu": {
                INDArray valid = y.gt(0.0).castTo(DataType.DOUBLE);
                return new INDArray[] {y.dup(), valid};
            }
            case "tanh": {
                INDArray valid = Transforms.abs(y, true).lt(1 - SATURATION).castTo(DataType.DOUBLE);
                INDArray clipped = Transforms.min(Transforms.max(y, -1 + SATURATION, true), 1 - SATURATION, false);
                return new INDArray[] {Transforms.atanh(clipped, false), valid};
            }
            case "sigmoid": {
                INDArray valid = y.gt(SATURATION).castTo(DataType.DOUBLE).muli(y.lt(1 - SATURATION).castTo(DataType.DOUBLE));
                INDArray c = Transforms.min(Transforms.max(y, SATURATION, true), 1 - SATURATION, false);
                INDArray z = Transforms.log(c.div(c.rsub(1.0)), false);
                return new INDArray[] {z, valid};
            }
            case "softmax": {
                INDArray rowOk = y.gt(MIN_PROBABILITY).castTo(DataType.DOUBLE).min(true, 1);
                INDArray logs = Transforms.log(Transforms.max(y, MIN_PROBABILITY, true), false);
                logs.subiColumnVector(logs.mean(true, 1));
                INDArray valid = Nd4j.onesLike(y).muliColumnVector(rowOk);
                return new INDArray[] {logs, valid};
            }
            default:
                throw new IllegalArgumentException("cannot invert activation '" + activation
                        + "'; supported: identity, relu, tanh, sigmoid, softmax (or read the layer's .pre tap)");
        }
    }
}
