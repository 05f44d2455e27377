package org.dl4jmortal.spi.device;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable set of named parameter values, each checked against its {@link ParameterSpec}. Unknown keys
 * are rejected with the list of known ones.
 */
public final class ParameterSet {
    private final Map<String, ParameterSpec> specs;
    private final Map<String, Double> values;

    private ParameterSet(Map<String, ParameterSpec> specs, Map<String, Double> values) {
        this.specs = specs;
        this.values = values;
    }

    /**
     * @param specs the parameters, in display order; names must be unique
     * @return a set holding every default
     * @throws IllegalArgumentException on a duplicate name
     */
    public static ParameterSet ofDefaults(Collection<ParameterSpec> specs) {
        Map<String, ParameterSpec> s = new LinkedHashMap<>();
        Map<String, Double> v = new LinkedHashMap<>();
        for (ParameterSpec p : specs) {
            if (s.put(p.name(), p) != null) {
                throw new IllegalArgumentException("duplicate parameter name " + p.name());
            }
            v.put(p.name(), p.defaultValue());
        }
        return new ParameterSet(Collections.unmodifiableMap(s), Collections.unmodifiableMap(v));
    }

    /**
     * @param other another set; its names must not clash with this one's
     * @return the union, this set's parameters first
     * @throws IllegalArgumentException if a name appears in both
     */
    public ParameterSet union(ParameterSet other) {
        Map<String, ParameterSpec> s = new LinkedHashMap<>(specs);
        Map<String, Double> v = new LinkedHashMap<>(values);
        for (ParameterSpec p : other.specs.values()) {
            if (s.put(p.name(), p) != null) {
                throw new IllegalArgumentException("parameter " + p.name() + " is defined twice");
            }
            v.put(p.name(), other.values.get(p.name()));
        }
        return new ParameterSet(Collections.unmodifiableMap(s), Collections.unmodifiableMap(v));
    }

    /**
     * @param name  a known parameter
     * @param value its new value
     * @return a copy with the value replaced
     * @throws IllegalArgumentException if the name is unknown (lists the known ones) or the value out of range
     */
    public ParameterSet with(String name, double value) {
        ParameterSpec spec = spec(name);
        Map<String, Double> v = new LinkedHashMap<>(values);
        v.put(name, spec.check(value));
        return new ParameterSet(specs, Collections.unmodifiableMap(v));
    }

    /**
     * @param overrides name to value; every name must be known
     * @return a copy with all overrides applied
     * @throws IllegalArgumentException as {@link #with(String, double)}
     */
    public ParameterSet withAll(Map<String, Double> overrides) {
        ParameterSet r = this;
        for (Map.Entry<String, Double> e : Objects.requireNonNull(overrides, "overrides").entrySet()) {
            r = r.with(e.getKey(), e.getValue());
        }
        return r;
    }

    /**
     * @param name a known parameter
     * @return its value
     * @throws IllegalArgumentException if unknown (lists the known ones)
     */
    public double get(String name) {
        spec(name);
        return values.get(name);
    }

    /**
     * @param name a known parameter
     * @return its value as an int (bits, counts)
     * @throws IllegalArgumentException if unknown or not a whole number
     */
    public int getInt(String name) {
        double v = get(name);
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException(name + "=" + v + " must be a whole number");
        }
        return (int) v;
    }

    /**
     * @param name a known parameter
     * @return true if the switch is on (switches are 0 = off, 1 = on)
     * @throws IllegalArgumentException if unknown, or if the value is neither 0 nor 1
     */
    public boolean isOn(String name) {
        double v = get(name);
        if (v != 0.0 && v != 1.0) {
            throw new IllegalArgumentException(name + "=" + v + " is a switch: use 0 (off) or 1 (on)");
        }
        return v == 1.0;
    }

    /**
     * @param name a parameter name
     * @return its spec
     * @throws IllegalArgumentException if unknown; the message lists the known names
     */
    public ParameterSpec spec(String name) {
        ParameterSpec s = specs.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known parameters: " + specs.keySet());
        }
        return s;
    }

    /** @return true if the name is known */
    public boolean has(String name) {
        return specs.containsKey(name);
    }

    /** @return the specs in display order */
    public List<ParameterSpec> specs() {
        return List.copyOf(specs.values());
    }

    /** @return name to value, in display order (unmodifiable) */
    public Map<String, Double> values() {
        return values;
    }

    /**
     * @return only the values that differ from their defaults (what a config needs to store)
     */
    public Map<String, Double> overrides() {
        Map<String, Double> o = new LinkedHashMap<>();
        for (ParameterSpec s : specs.values()) {
            double v = values.get(s.name());
            if (Double.compare(v, s.defaultValue()) != 0) {
                o.put(s.name(), v);
            }
        }
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSet p && p.values.equals(values) && p.specs.keySet().equals(specs.keySet());
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
