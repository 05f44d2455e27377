package org.dl4jmortal.analog.hwa;

import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Hardware-aware training of a <em>digital</em> network (the second, clearly named mode of DESIGN.md §3; Rasch et
 * al., Nat. Commun. 14:5282, 2023, "hardware-aware training" with additive weight noise relative to the weight
 * range; aihwkit's {@code WeightNoiseType.ADDITIVE_CONSTANT} with {@code w_noise} scaled by the column abs-max): during
 * training only, each forward pass uses {@code W + relativeStd * max_i |W_ij| * xi_ij} with fresh {@code xi ~ N(0,1)}
 * per iteration, so the network learns weights whose function survives programming noise and drift. The bias is
 * left exact (it stays digital on the chip). Nothing changes at inference. Draws are keyed by (seed, iteration,
 * layer index).
 */
public final class HardwareAwareWeightNoise implements IWeightNoise {
    private static final long serialVersionUID = 1L;

    @JsonProperty("relativeStd")
    private double relativeStd;
    @JsonProperty("seed")
    private long seed;

    /** For JSON deserialisation only. */
    public HardwareAwareWeightNoise() {
    }

    /**
     * @param relativeStd noise standard deviation as a fraction of each column's max |w|, in [0, 1]
     * @param seed        seed of the noise draws
     * @throws IllegalArgumentException if relativeStd is outside [0, 1] or NaN
     */
    public HardwareAwareWeightNoise(double relativeStd, long seed) {
        if (!(relativeStd >= 0 && relativeStd <= 1)) {
            throw new IllegalArgumentException("relativeStd must lie in [0, 1], got " + relativeStd);
        }
        this.relativeStd = relativeStd;
        this.seed = seed;
    }

    /** @return the noise standard deviation relative to each column's max |w| */
    public double relativeStd() {
        return relativeStd;
    }

    /**
     * @param layer     the layer asking
     * @param paramKey  its parameter key
     * @param iteration training iteration (keys the draw)
     * @param epoch     training epoch
     * @param train     true during training
     * @param mgr       the layer's workspace manager
     * @return the weights with noise {@code [nIn, nOut]} while training and for the weight key only; otherwise the
     * parameter itself
     */
    @Override
    public INDArray getParameter(Layer layer, String paramKey, int iteration, int epoch, boolean train,
                                 LayerWorkspaceMgr mgr) {
        INDArray p = layer.getParam(paramKey);
        if (!train || relativeStd == 0 || !DefaultParamInitializer.WEIGHT_KEY.equals(paramKey)) {
            return p;
        }
        INDArray scale = p.amax(0).reshape(1, p.columns()).muli(relativeStd);
        INDArray noise = KeyedRandom.gaussian(KeyedRandom.key(seed, "hwa", iteration, layer.getIndex()),
                p.dataType(), p.rows(), p.columns());
        INDArray out = mgr.createUninitialized(ArrayType.INPUT, p.dataType(), p.shape(), p.ordering());
        out.assign(noise.muliRowVector(scale).addi(p));
        return out;
    }

    @Override
    public HardwareAwareWeightNoise clone() {
        return new HardwareAwareWeightNoise(relativeStd, seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HardwareAwareWeightNoise h && h.relativeStd == relativeStd && h.seed == seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(relativeStd, seed);
    }

    @Override
    public String toString() {
        return "HardwareAwareWeightNoise(relativeStd=" + relativeStd + ", seed=" + seed + ")";
    }
}
