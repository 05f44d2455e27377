package org.dl4jmortal.samples.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link DemoStep} produced.
 *
 * @param key       the top-level key of its section in {@code metrics.json}, for example {@code "train"}; unique
 *                  among the steps and different from {@code dataset}, {@code digital} and {@code drift}
 * @param metrics   the section: any Jackson-serialisable value (records with {@code @JsonProperty} names)
 * @param markdown  the step's section of {@code report.md}, starting with a {@code ## } heading
 * @param artefacts the files it wrote, by key, for later steps and for the report's file list; paths inside the
 *                  output folder
 */
public record DemoStepResult(String key, Object metrics, String markdown, Map<String, Path> artefacts) {

    /** @throws NullPointerException if an argument is null */
    public DemoStepResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(markdown, "markdown");
        artefacts = Map.copyOf(artefacts);
    }
}
