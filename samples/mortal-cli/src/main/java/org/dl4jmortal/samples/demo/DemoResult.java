package org.dl4jmortal.samples.demo;

import java.nio.file.Path;
import org.dl4jmortal.samples.report.DemoMetrics;

/**
 * What a demo run produced.
 *
 * @param metrics     the numbers written to {@code metrics.json}
 * @param outDir      the output folder holding the files
 * @param wallSeconds wall time of the whole run, seconds
 */
public record DemoResult(DemoMetrics metrics, Path outDir, double wallSeconds) {
}
