package org.dl4jmortal.spi.distill;

import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.plugin.NamedPlugin;

/**
 * A distillation method (DESIGN.md §4), registered by name under
 * {@link org.dl4jmortal.spi.plugin.PluginKind#DISTILLER} ({@code kd}, {@code hint}). It sees the teacher only as a
 * {@link TappedModel} (queries and taps, every row paid for in the ledger), never its weights, so that it works the
 * same against a simulated chip and a real one behind a driver.
 */
public interface Distiller extends NamedPlugin {

    /**
     * Trains the student to imitate the teacher on the transfer set.
     *
     * @param teacher  the black box
     * @param student  the model to train (changed in place)
     * @param transfer the transfer rows (with recorded teacher outputs, or to be queried)
     * @param settings temperature, alpha, epochs, batch, seed, caching, hints
     * @param listener progress
     * @return the loss curve and the cost
     * @throws IllegalArgumentException if the student's input or output width differs from the teacher's, the
     *                                  transfer rows have the wrong width, a hint names an unknown teacher tap or
     *                                  student layer (the message lists the valid ones), or the teacher's output is
     *                                  neither probabilities (softmax) nor logits (identity)
     */
    DistillationResult distil(TappedModel teacher, Student student, TransferSet transfer,
                              DistillationSettings settings, DistillationListener listener);

    /**
     * As {@link #distil(TappedModel, Student, TransferSet, DistillationSettings, DistillationListener)} without
     * progress.
     *
     * @param teacher  the black box
     * @param student  the model to train
     * @param transfer the transfer rows
     * @param settings the settings
     * @return the loss curve and the cost
     */
    default DistillationResult distil(TappedModel teacher, Student student, TransferSet transfer,
                                      DistillationSettings settings) {
        return distil(teacher, student, transfer, settings, DistillationListener.NONE);
    }
}
