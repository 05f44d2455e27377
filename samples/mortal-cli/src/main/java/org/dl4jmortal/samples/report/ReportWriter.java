package org.dl4jmortal.samples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dl4jmortal.samples.io.AtomicFiles;
import org.dl4jmortal.samples.io.Durations;

/**
 * Writes the demo's {@code report.md}: the data, the training settings, the digital accuracy, and the drift table
 * as a Markdown table, with the plot linked. Written atomically.
 */
public final class ReportWriter {

    /**
     * The parts of the report that are not in the metrics.
     *
     * @param device        the analog steps' description of the device
     * @param training      one line describing the training (network, optimiser, epochs, batch, seed)
     * @param repeats       read-noise draws per time
     * @param wallSeconds   wall time of the whole run so far, seconds
     * @param plotFile      file name of the drift plot, relative to the report
     * @param artefactFiles names of the other files in the folder, relative to the report
     * @param stepSections  the Markdown sections of the demo's optional steps, in order, each starting with a
     *                      {@code ## } heading; placed before the file list
     */
    public record Context(String device, String training, int repeats, double wallSeconds, String plotFile,
                          List<String> artefactFiles, List<String> stepSections) {
        /** @throws NullPointerException if a list is null */
        public Context {
            artefactFiles = List.copyOf(artefactFiles);
            stepSections = List.copyOf(stepSections);
        }

        /**
         * A context without optional steps.
         *
         * @param device        the analog steps' description of the device
         * @param training      one line describing the training
         * @param repeats       read-noise draws per time
         * @param wallSeconds   wall time of the whole run so far, seconds
         * @param plotFile      file name of the drift plot
         * @param artefactFiles names of the other files in the folder
         */
        public Context(String device, String training, int repeats, double wallSeconds, String plotFile,
                       List<String> artefactFiles) {
            this(device, training, repeats, wallSeconds, plotFile, artefactFiles, List.of());
        }
    }

    /**
     * @param metrics the demo's metrics
     * @param context what else to say
     * @return the Markdown text
     */
    public String render(DemoMetrics metrics, Context context) {
        StringBuilder md = new StringBuilder();
        md.append("# dl4j-mortal demo: Fashion-MNIST on a drifting analog chip\n\n");
        DemoMetrics.Dataset d = metrics.dataset();
        md.append("## Data\n\n");
        md.append("| dataset | training images | test images | source |\n|---|---:|---:|---|\n");
        md.append("| ").append(d.name()).append(" | ").append(d.train()).append(" | ").append(d.test()).append(" | ")
                .append(d.source()).append(" |\n\n");
        md.append("## Digital network\n\n").append(context.training()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Digital test accuracy: **%.4f**\n\n", metrics.digital().accuracy()));
        md.append("## Drift\n\n");
        md.append("Device: ").append(context.device()).append(". Accuracy is the mean over ").append(context.repeats())
                .append(" read-noise draws, +- their sample standard deviation; GDC is global drift compensation.\n\n");
        md.append("| time since programming | t (s) | accuracy | std | accuracy with GDC | std | chip - digital |"
                + " chip with GDC - digital |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        double digital = metrics.digital().accuracy();
        for (DemoMetrics.Drift r : metrics.drift()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f | %.4f | %+.4f | %+.4f |\n",
                    Durations.label(r.tSeconds()), r.tSeconds(), r.accuracy(), r.accuracyStd(), r.accuracyGdc(),
                    r.accuracyGdcStd(), r.accuracy() - digital, r.accuracyGdc() - digital));
        }
        md.append("\n![accuracy against time since programming](").append(context.plotFile()).append(")\n\n");
        for (String section : context.stepSections()) {
            md.append(section.strip()).append("\n\n");
        }
        md.append("## Files\n\n");
        for (String f : context.artefactFiles()) {
            md.append("- `").append(f).append("`\n");
        }
        md.append(String.format(Locale.ROOT, "\nWall time: %.1f s.\n", context.wallSeconds()));
        return md.toString();
    }

    /**
     * @param metrics the demo's metrics
     * @param context what else to say
     * @param file    the target, replaced if present
     * @throws IOException if the file cannot be written
     */
    public void write(DemoMetrics metrics, Context context, Path file) throws IOException {
        byte[] bytes = render(metrics, context).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
