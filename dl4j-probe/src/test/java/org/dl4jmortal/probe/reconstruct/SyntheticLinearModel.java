package org.dl4jmortal.probe.reconstruct;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.spi.chip.QueryLedger;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TapPosition;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.dl4jmortal.spi.reconstruct.NoiseModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A test double: one linear layer {@code y = x W + sigma_j xi} with a {@code .pre} tap and known Gaussian noise,
 * optionally read through a converter that rounds to multiples of {@code step} (an ADC without noise management).
 */
final class SyntheticLinearModel implements TappedModel {
    private final INDArray weights;
    private final double[] sigma;
    private final long seed;
    private final double step;
    private final QueryLedger ledger = new QueryLedger();
    private long calls;

    SyntheticLinearModel(INDArray weights, double[] sigma, long seed) {
        this(weights, sigma, seed, 0.0);
    }

    /** @param step rounding step of the read values, 0 for none */
    SyntheticLinearModel(INDArray weights, double[] sigma, long seed, double step) {
        this.weights = weights.castTo(DataType.DOUBLE);
        this.sigma = sigma.clone();
        this.seed = seed;
        this.step = step;
    }

    NoiseModel noise() {
        return (layer, x) -> {
            INDArray v = Nd4j.zeros(DataType.DOUBLE, x.rows(), sigma.length);
            for (int j = 0; j < sigma.length; j++) {
                v.getColumn(j).assign(sigma[j] * sigma[j]);
            }
            return v;
        };
    }

    @Override
    public int inputSize() {
        return (int) weights.rows();
    }

    @Override
    public int outputSize() {
        return (int) weights.columns();
    }

    @Override
    public List<TapPoint> taps() {
        return List.of(new TapPoint("dense", TapPosition.PRE, outputSize(), "identity", false));
    }

    @Override
    public QueryResult query(INDArray input, Collection<String> tapNames) {
        for (String t : tapNames) {
            tap(t);
        }
        INDArray y = input.castTo(DataType.DOUBLE).mmul(weights);
        INDArray xi = KeyedRandom.gaussian(KeyedRandom.key(seed, calls++), DataType.DOUBLE, y.rows(), y.columns());
        y.addi(xi.muliRowVector(Nd4j.create(sigma, new long[] {1, sigma.length}, DataType.DOUBLE)));
        if (step > 0) {
            y = org.nd4j.linalg.ops.transforms.Transforms.round(y.divi(step), false).muli(step);
        }
        Map<String, INDArray> taps = new LinkedHashMap<>();
        for (String t : tapNames) {
            taps.put(t, y);
        }
        ledger.recordQuery(input.rows(), input.rows() * tapNames.size(), y.length() * tapNames.size(), 0);
        return new QueryResult(y, taps);
    }

    @Override
    public QueryLedger ledger() {
        return ledger;
    }
}
