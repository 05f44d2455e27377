package org.dl4jmortal.samples.copyout;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The copy-out report in Markdown, from the map written to {@code copy-out.json}. Pure function. */
public final class CopyOutReport {
    private CopyOutReport() {
    }

    /**
     * @param root the report: {@code chip}, {@code taps}, {@code copies}
     * @return Markdown tables: the chip, then one row per copy with its fleet
     */
    @SuppressWarnings("unchecked")
    public static String markdown(Map<String, Object> root) {
        Map<String, Object> chip = (Map<String, Object>) root.get("chip");
        Map<String, Object> taps = (Map<String, Object>) root.get("taps");
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "chip (%s) at %.0f s: accuracy %.4f (majority of %s passes), "
                        + "self-agreement %.4f%n", chip.get("device"), (double) chip.get("at_seconds"),
                (double) chip.get("accuracy"), chip.get("passes"), (double) chip.get("self_agreement")));
        b.append(String.format(Locale.ROOT, "taps: %s rows, %s files%n%n", taps.get("rows"),
                ((List<?>) taps.get("files")).size()));
        b.append("| copy | queries | seconds | agreement | accuracy | clones | mean clone agreement (1 s) "
                + "| worst clone (1 s) |\n|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> c : (List<Map<String, Object>>) root.get("copies")) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.4f | %.4f | %d on %s | %.4f | %.4f |%n",
                    c.get("method"), (long) c.get("queries"), (double) c.get("seconds"), (double) c.get("agreement"),
                    (double) c.get("accuracy"), ((List<?>) c.get("clones")).size(), c.get("fleet_device"),
                    (double) c.get("fleet_mean_agreement"), (double) c.get("fleet_worst_agreement")));
        }
        return b.toString();
    }
}
