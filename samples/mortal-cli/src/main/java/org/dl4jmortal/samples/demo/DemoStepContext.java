package org.dl4jmortal.samples.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.DemoMetrics;

/**
 * What a {@link DemoStep} gets from the demo.
 *
 * @param config    the demo settings (seed, epochs, batch size, times since programming, read-noise repeats)
 * @param source    where the data came from (embedded, full or a folder)
 * @param train     the training images used by the demo, pixels in {@code [0, 1]}
 * @param test      the test images used by the demo
 * @param digital   the trained digital MLP 784-256-128-10 (must not be modified: copy it before training)
 * @param digitalAccuracy its top-1 accuracy on {@code test}, in {@code [0, 1]}
 * @param convertedDrift the drift table of the plainly converted chip, one row per time of {@code config} (empty
 *                  if a step runs without it)
 * @param outDir    the output folder, existing and writable
 * @param artefacts files written by earlier steps, by key (for example {@code "chip"} for the converted chip image,
 *                  {@code "digital"} for the digital network)
 * @param progress  where to show progress
 * @param out       where to print short results (standard output on the command line)
 */
public record DemoStepContext(DemoConfig config, FashionMnist source, LabelledImages train, LabelledImages test,
                              MultiLayerNetwork digital, double digitalAccuracy,
                              List<DemoMetrics.Drift> convertedDrift, Path outDir, Map<String, Path> artefacts,
                              Progress progress, PrintStream out) {

    /** @throws NullPointerException if an argument is null */
    public DemoStepContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(digital, "digital");
        Objects.requireNonNull(outDir, "outDir");
        convertedDrift = List.copyOf(convertedDrift);
        artefacts = Map.copyOf(artefacts);
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(out, "out");
    }

    /**
     * @param key the key an earlier step gave its file in {@link DemoStepResult#artefacts()}
     * @return the file
     * @throws IllegalStateException if no earlier step wrote it (the steps are in the wrong order)
     */
    public Path artefact(String key) {
        Path p = artefacts.get(key);
        if (p == null) {
            throw new IllegalStateException("no earlier demo step wrote the artefact '" + key + "'; written so far: "
                    + artefacts.keySet());
        }
        return p;
    }
}
