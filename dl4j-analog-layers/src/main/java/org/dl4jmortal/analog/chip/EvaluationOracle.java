package org.dl4jmortal.analog.chip;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dl4jmortal.analog.layers.AnalogCrossbar;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The chip's evaluation oracle (DESIGN.md §2 rule 3): exact state, for measuring the error of a copy and for
 * simulator checkpoints. Nothing here is available to a real chip; copy-out algorithms must never call it.
 * <p>
 * The <em>noise-free function</em> (DESIGN.md §4) at the present time is the network run with the effective weights
 * (programming noise, drift, 1/f noise and faults included), the digital bias and the drift compensation factor the
 * chip applies, with read noise, output noise and converters off, in float arithmetic.
 */
public final class EvaluationOracle {
    private final AnalogChip chip;

    EvaluationOracle(AnalogChip chip) {
        this.chip = chip;
    }

    /**
     * @param layerName an analog layer
     * @return its effective weights at the present time {@code [nIn, nOut]}, times the drift compensation factor
     * in use (so that {@code x W + b} is the layer's noise-free pre-activation)
     * @throws IllegalArgumentException if the layer is not analog
     */
    public INDArray effectiveWeights(String layerName) {
        AnalogCrossbar c = chip.crossbar(layerName);
        return c.effectiveWeightsForOracle().muli(c.driftCompensationFactor());
    }

    /**
     * The true noise of an analog layer's {@code .pre} tap at given layer inputs (DESIGN.md §4: the Cramér–Rao bound
     * of a reconstruction must come from the chip's true noise at the probes). Read noise, output noise and ADC
     * rounding ({@code step^2 / 12}) through noise management, bound management, tiles, {@code wScale} and the drift
     * compensation factor; see {@link AnalogCrossbar#preTapNoiseVarianceForOracle(INDArray)} for the formula.
     * Not counted in the ledger.
     *
     * @param layerName  an analog layer
     * @param layerInput the layer's input rows {@code [batch, nIn]} (network input for the first layer, the lower
     *                   layer's {@code .post} values otherwise)
     * @return variance of every {@code .pre} tap value {@code [batch, nOut]}, squared weight units, DOUBLE
     * @throws IllegalArgumentException if the layer is not analog, or the input has the wrong width or is not finite
     */
    public INDArray preTapNoiseVariance(String layerName, INDArray layerInput) {
        return chip.crossbar(layerName).preTapNoiseVarianceForOracle(layerInput);
    }

    /** @return every analog layer's effective weights, by layer name (see {@link #effectiveWeights(String)}) */
    public Map<String, INDArray> effectiveWeights() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : chip.crossbars().keySet()) {
            m.put(name, effectiveWeights(name));
        }
        return m;
    }

    /**
     * @param input {@code [batch, inputSize]}
     * @return the chip's noise-free output {@code [batch, outputSize]} (not counted in the ledger)
     */
    public INDArray noiseFreeOutput(INDArray input) {
        return noiseFree(input).get(ChipNetwork.OUTPUT);
    }

    /**
     * @param input {@code [batch, inputSize]}
     * @return the noise-free activations of every layer by name (post activation), not counted in the ledger
     */
    public Map<String, INDArray> noiseFree(INDArray input) {
        for (AnalogCrossbar c : chip.crossbars().values()) {
            c.setNoiseFreeForOracle(true);
        }
        try {
            return chip.network().activations(input);
        } finally {
            for (AnalogCrossbar c : chip.crossbars().values()) {
                c.setNoiseFreeForOracle(false);
            }
        }
    }
}
