package org.dl4jmortal.analog.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The device array behind a crossbar, one implementation per crosspoint kind (DESIGN.md §3): how targets are
 * written and what the array holds at a given time. States live in the layer's parameter views.
 */
interface CrosspointArray {

    /** Draws what a fresh chip fixes once (fault maps), from the layer seed. */
    void drawFixedVariation();

    /**
     * Writes target weights and their mapping scale into the parameter views.
     *
     * @param weights      targets {@code [nIn, nOut]} in weight units, double precision, finite
     * @param programCount how many times this layer was programmed before (keys the programming noise)
     */
    void program(INDArray weights, long programCount);

    /**
     * @param seconds      time since programming or the last in-place update
     * @param programCount programming count (keys the 1/f path)
     * @return the normalised effective weights {@code [nIn, nOut]} (weights divided by {@code wScale}) at that time
     */
    INDArray normalisedWeightsAt(double seconds, long programCount);
}
