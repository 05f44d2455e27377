package org.dl4jmortal.analog.conf;

import java.util.LinkedHashMap;
import java.util.Map;

/** Mutable accumulator behind the analog part of both layer builders (one place, no copy-paste). */
final class AnalogSpecBuilder {
    private String deviceName = "pcm";
    private final Map<String, Double> overrides = new LinkedHashMap<>();
    private Long seed;

    void device(String name) {
        this.deviceName = name;
    }

    void parameter(String name, double value) {
        overrides.put(name, value);
    }

    void parameters(Map<String, Double> values) {
        overrides.putAll(values);
    }

    void seed(long seed) {
        this.seed = seed;
    }

    AnalogSpec build() {
        return new AnalogSpec(deviceName, overrides, seed);
    }
}
