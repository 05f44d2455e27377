package org.dl4jmortal.samples.distill;

import java.util.Locale;
import org.dl4jmortal.distill.eval.DistillReport;
import org.dl4jmortal.distill.fleet.CloneResult;
import org.dl4jmortal.distill.fleet.FleetReport;

/** The report sections of distillation and fleets, in the words of DESIGN.md §4. */
public final class DistillMarkdown {
    private DistillMarkdown() {
    }

    /**
     * @param r       the distillation
     * @param heading the section heading (without {@code ## })
     * @return a Markdown section starting with {@code ## }
     */
    public static String distill(DistillReport r, String heading) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(heading).append("\n\n");
        md.append(String.format(Locale.ROOT, "Method `%s` (Hinton, Vinyals & Dean 2015%s): temperature T = %s, alpha = %s, "
                        + "%d epochs, batch %d, seed %d; teacher outputs %s. Student: %s. Transfer set: %s (%d rows%s).%n%n",
                r.result().method(), r.result().hints().isEmpty() ? "" : "; hints after Romero et al., FitNets 2015: "
                        + r.result().hints() + ", weight " + r.settings().hintWeight(),
                r.settings().temperature(), r.settings().alpha(), r.settings().epochs(), r.settings().batchSize(),
                r.settings().seed(), explain(r.result().teacherOutputs()), r.student(), r.transfer(), r.transferRows(),
                r.labelled() ? ", labelled" : ", unlabelled"));
        md.append(String.format(Locale.ROOT, "Measured on %d held-out images against the teacher's majority over K = %d "
                + "passes%s.%n%n", r.reference().majority().length, r.reference().passes(),
                Double.isNaN(r.teacherAtSeconds()) ? "" : String.format(Locale.ROOT,
                        " (teacher at %.0f s since programming)", r.teacherAtSeconds())));
        md.append("| agreement | teacher self-agreement | mean KL (nats) | teacher accuracy | student accuracy "
                + "| queries | tap reads | evaluation queries | seconds |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| %.4f | %.4f | %.4f | %.4f ± %.4f | %.4f | %d | %d | %d | %.1f |%n%n",
                r.fidelity().agreement(), r.reference().selfAgreement(), r.fidelity().kl(), r.reference().accuracy(),
                r.reference().accuracyStd(), r.fidelity().accuracy(), r.result().queries(), r.result().tapReads(),
                r.reference().queries(), r.result().seconds()));
        return md.toString();
    }

    /**
     * @param f           the fleet
     * @param digitalNote how the digital network was trained besides {@code kd} (for example its hardware-aware weight
     *                    noise), or empty
     * @return a Markdown section starting with {@code ## }
     */
    public static String fleet(FleetReport f, String digitalNote) {
        StringBuilder md = new StringBuilder();
        md.append("## Clones\n\n");
        md.append(String.format(Locale.ROOT, "The chip was distilled once into a digital network (`kd`%s, agreement %.4f "
                        + "with the original's majority; the original's self-agreement is %.4f), which was programmed into "
                        + "%d fresh `%s` chips, each with its own seed (programming noise, drift)%s. Agreement: one pass of "
                        + "each clone against the original's majority over K = %d passes. Teacher queries in all: %d.%n%n",
                digitalNote.isEmpty() ? "" : ", " + digitalNote, f.distill().fidelity().agreement(),
                f.distill().reference().selfAgreement(), f.settings().clones(),
                f.settings().device(), f.settings().fineTuneEpochs() > 0 ? String.format(Locale.ROOT,
                        ", then fine-tuned in place for %d epochs on the original's recorded outputs",
                        f.settings().fineTuneEpochs()) : "", f.distill().reference().passes(), f.queries()));
        md.append("| clone | seed | agreement 1 s | accuracy 1 s | agreement 1 d | accuracy 1 d |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (CloneResult c : f.clones()) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %.4f | %.4f | %.4f | %.4f |%n", c.index(), c.seed(),
                    c.at1s().agreement(), c.at1s().accuracy(), c.at1d().agreement(), c.at1d().accuracy()));
        }
        md.append(String.format(Locale.ROOT, "%nMean agreement %.4f at 1 s (worst %.4f), %.4f at 1 day (worst %.4f).%n%n",
                f.meanAgreement(), f.worstAgreement(), f.meanAgreement1d(), f.worstAgreement1d()));
        return md.toString();
    }

    private static String explain(String how) {
        return switch (how) {
            case "cached" -> "queried once per transfer row and cached";
            case "requeried" -> "queried afresh every epoch";
            case "recorded" -> "read from a recorded tap export (no query)";
            default -> how;
        };
    }
}
