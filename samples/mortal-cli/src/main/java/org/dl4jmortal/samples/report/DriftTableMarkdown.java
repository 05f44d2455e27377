package org.dl4jmortal.samples.report;

import java.util.List;
import java.util.Locale;
import org.dl4jmortal.samples.io.Durations;

/**
 * Renders a drift table (accuracy against time since programming, without and with global drift compensation) as
 * a Markdown table, with the difference to a reference accuracy (usually the digital network's).
 */
public final class DriftTableMarkdown {
    private DriftTableMarkdown() {
    }

    /**
     * @param rows      the rows, accuracies in {@code [0, 1]}
     * @param reference the accuracy the last two columns are measured against
     * @return the table, header included, ending with a blank line
     */
    public static String render(List<DemoMetrics.Drift> rows, double reference) {
        StringBuilder md = new StringBuilder();
        md.append("| time since programming | accuracy | std | accuracy with GDC | std | - reference |"
                + " with GDC - reference |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (DemoMetrics.Drift r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %+.4f | %+.4f |\n",
                    Durations.label(r.tSeconds()), r.accuracy(), r.accuracyStd(), r.accuracyGdc(),
                    r.accuracyGdcStd(), r.accuracy() - reference, r.accuracyGdc() - reference));
        }
        return md.append('\n').toString();
    }
}
