package org.dl4jmortal.samples.demo;

import java.io.IOException;

/**
 * One optional step of {@code ./mortal demo} that runs after the digital network is trained and the converted chip
 * is evaluated: for example in-place training, hardware-aware training, weight reconstruction or distillation. Each
 * step adds one section to {@code metrics.json} (under {@link DemoStepResult#key()}) and one section to
 * {@code report.md}. Steps run in the order given to {@link DemoJob}; a later step sees the files of earlier ones
 * ({@link DemoStepContext#artefact(String)}).
 */
public interface DemoStep {

    /**
     * @return a short name shown in the progress output, for example {@code "in-place training"}
     */
    String name();

    /**
     * Runs the step.
     *
     * @param context the data, the trained digital network, the output folder and the files of earlier steps
     * @return the step's metrics section, report section and files
     * @throws IOException if a file cannot be read or written
     */
    DemoStepResult run(DemoStepContext context) throws IOException;
}
