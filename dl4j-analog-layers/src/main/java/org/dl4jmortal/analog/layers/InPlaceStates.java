package org.dl4jmortal.analog.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The device states of a pulsed layer after one in-place update (DESIGN.md §3).
 *
 * @param slow states {@code C} {@code [nIn, nOut]}, device units in {@code [wMin, wMax]}: the array the forward and
 *             backward passes read
 * @param fast states of the Tiki-Taka fast array {@code A} {@code [nIn, nOut]}, device units, or null when the
 *             layer trains by plain pulsed SGD
 */
public record InPlaceStates(INDArray slow, INDArray fast) {
    /** @return a copy of both arrays detached from any workspace */
    InPlaceStates detach() {
        return new InPlaceStates(slow.detach(), fast == null ? null : fast.detach());
    }
}
