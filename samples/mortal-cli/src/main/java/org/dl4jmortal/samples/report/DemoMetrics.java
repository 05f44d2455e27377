package org.dl4jmortal.samples.report;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The content of the demo's {@code metrics.json}, in this key order:
 * <pre>{"dataset":{"name":"fashion-mnist","train":N,"test":N,"source":"embedded" or the folder},
 *  "digital":{"accuracy":A},
 *  "drift":[{"t_seconds":1,"accuracy":A,"accuracy_std":S,"accuracy_gdc":A,"accuracy_gdc_std":S}, ...]}</pre>
 * Accuracies are fractions in {@code [0, 1]}; standard deviations are sample deviations over the read-noise repeats.
 *
 * @param dataset the data used
 * @param digital the digital network's test accuracy
 * @param drift   one row per time since programming
 * @param steps   the sections of the demo's optional steps (in-place training, reconstruction, distillation, ...),
 *                by top-level key; written after {@code drift}, sorted by key ({@link MetricsWriter} sorts map
 *                entries)
 */
@JsonPropertyOrder({"dataset", "digital", "drift"})
public record DemoMetrics(@JsonProperty("dataset") Dataset dataset, @JsonProperty("digital") Digital digital,
                          @JsonProperty("drift") List<Drift> drift, @JsonIgnore Map<String, Object> steps) {

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a step key is {@code dataset}, {@code digital} or {@code drift}
     */
    public DemoMetrics {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(digital, "digital");
        drift = List.copyOf(drift);
        for (String reserved : List.of("dataset", "digital", "drift")) {
            if (steps.containsKey(reserved)) {
                throw new IllegalArgumentException("a demo step may not use the metrics key '" + reserved + "'");
            }
        }
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /**
     * Metrics without optional steps.
     *
     * @param dataset the data used
     * @param digital the digital network's test accuracy
     * @param drift   one row per time since programming
     */
    public DemoMetrics(Dataset dataset, Digital digital, List<Drift> drift) {
        this(dataset, digital, drift, Map.of());
    }

    /**
     * @return the step sections, serialised as top-level keys after {@code drift}
     */
    @JsonAnyGetter
    public Map<String, Object> stepSections() {
        return steps;
    }

    /**
     * @param name   dataset name, {@code fashion-mnist}
     * @param train  training images used
     * @param test   test images used
     * @param source {@code embedded} or the absolute data folder
     */
    @JsonPropertyOrder({"name", "train", "test", "source"})
    public record Dataset(@JsonProperty("name") String name, @JsonProperty("train") int train,
                          @JsonProperty("test") int test, @JsonProperty("source") String source) {
    }

    /**
     * @param accuracy top-1 test accuracy of the digital network, in {@code [0, 1]}
     */
    public record Digital(@JsonProperty("accuracy") double accuracy) {
    }

    /**
     * @param tSeconds       time since programming, whole seconds
     * @param accuracy       mean accuracy without drift compensation
     * @param accuracyStd    its standard deviation
     * @param accuracyGdc    mean accuracy with global drift compensation
     * @param accuracyGdcStd its standard deviation
     */
    @JsonPropertyOrder({"t_seconds", "accuracy", "accuracy_std", "accuracy_gdc", "accuracy_gdc_std"})
    public record Drift(@JsonProperty("t_seconds") long tSeconds, @JsonProperty("accuracy") double accuracy,
                        @JsonProperty("accuracy_std") double accuracyStd,
                        @JsonProperty("accuracy_gdc") double accuracyGdc,
                        @JsonProperty("accuracy_gdc_std") double accuracyGdcStd) {
    }
}
