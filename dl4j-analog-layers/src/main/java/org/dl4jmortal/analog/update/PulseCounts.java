package org.dl4jmortal.analog.update;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pulse counts of one in-place update: how many potentiating ({@code up}) and depressing ({@code down}) pulses
 * reach each device.
 *
 * @param up          {@code [nIn, nOut]}, whole numbers {@code >= 0} (real-valued in mean-count mode)
 * @param down        {@code [nIn, nOut]}, same
 * @param trainSlots  total pulse-train slots used over the batch (the sum of each sample's bit length)
 */
public record PulseCounts(INDArray up, INDArray down, long trainSlots) {
}
