package org.dl4jmortal.analog.conf;

/** Implemented by every analog layer configuration: what makes it analog. */
public interface AnalogLayerConfig {
    /** @return device name, parameter overrides and seed */
    AnalogSpec getAnalog();
}
