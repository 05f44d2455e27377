package org.dl4jmortal.analog.conf;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What makes a layer analog, shared by {@link AnalogDenseLayer} and {@link AnalogOutputLayer}: the device model's
 * registered name (resolved through the plugin registry, never a class name), parameter overrides for the device and
 * the periphery ({@code outputBits}, {@code readNoise}, ...), and an optional 64-bit seed. Immutable value; the
 * no-argument constructor exists for DL4J's JSON mapper only.
 */
public final class AnalogSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    @JsonProperty("device")
    private String deviceName = "pcm";
    @JsonProperty("parameters")
    private TreeMap<String, Double> parameterOverrides = new TreeMap<>();
    @JsonProperty("seed")
    private Long seed;

    /** For JSON deserialisation only. */
    public AnalogSpec() {
    }

    /**
     * @param deviceName         registered device name, e.g. {@code "pcm"} or {@code "ideal"}
     * @param parameterOverrides device and periphery parameter values that differ from the defaults
     * @param seed               64-bit seed of the layer's random draws, or null to derive it from the network seed
     *                           and the layer index
     * @throws IllegalArgumentException if the device name is empty or an override is NaN
     */
    public AnalogSpec(String deviceName, Map<String, Double> parameterOverrides, Long seed) {
        this.deviceName = Objects.requireNonNull(deviceName, "deviceName");
        if (deviceName.isBlank()) {
            throw new IllegalArgumentException("device name must not be empty");
        }
        this.parameterOverrides = new TreeMap<>(Objects.requireNonNull(parameterOverrides, "parameterOverrides"));
        for (Map.Entry<String, Double> e : this.parameterOverrides.entrySet()) {
            if (e.getValue() == null || e.getValue().isNaN()) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " must be a number, got " + e.getValue());
            }
        }
        this.seed = seed;
    }

    /** @return the registered device name */
    public String deviceName() {
        return deviceName;
    }

    /** @return parameter overrides, sorted by name (unmodifiable) */
    public Map<String, Double> parameterOverrides() {
        return Collections.unmodifiableMap(parameterOverrides);
    }

    /** @return the explicit seed, or null when it is derived from the network seed and layer index */
    public Long seed() {
        return seed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalogSpec s && deviceName.equals(s.deviceName)
                && parameterOverrides.equals(s.parameterOverrides) && Objects.equals(seed, s.seed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceName, parameterOverrides, seed);
    }

    @Override
    public String toString() {
        return "AnalogSpec{device=" + deviceName + ", overrides=" + parameterOverrides + ", seed=" + seed + "}";
    }
}
