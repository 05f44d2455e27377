package org.dl4jmortal.analog.layers;

/**
 * Implemented by every analog layer implementation: gives the chip access to the layer's crossbar (programming,
 * clock, reads). Not part of the mortal seal: probe and distill never see this type.
 */
public interface AnalogLayer {
    /** @return the layer's crossbar */
    AnalogCrossbar crossbar();
}
