package org.dl4jmortal.distill.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.distill.eval.Batched;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.eval.Fidelity;
import org.dl4jmortal.distill.eval.TeacherReference;
import org.dl4jmortal.distill.method.KdDistiller;
import org.dl4jmortal.distill.student.ChipStudent;
import org.dl4jmortal.distill.student.NetworkChips;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.chip.ProgrammableChip;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.distill.DistillationListener;
import org.dl4jmortal.spi.distill.DistillationResult;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.TransferSet;
import org.dl4jmortal.spi.random.KeyedRandom;

/**
 * A fleet of clones (DESIGN.md §4): a network distilled from the original chip (digital, weights now readable) is
 * programmed into N fresh chips from a {@link ChipFactory}, each with its own seed, so its own device-to-device
 * variation, programming noise and drift; optionally each clone is then fine-tuned in place against the original
 * ({@code kd} on the original's recorded outputs, no new query; needs a device with a pulse rule). Each clone is
 * measured against the original's majority reference at {@value #SHORT_SECONDS} s and {@value #LONG_SECONDS} s after
 * its programming (or last in-place update), one pass each.
 */
public final class CloneFleet {
    /** The first measuring time: one second after programming. */
    public static final double SHORT_SECONDS = 1.0;
    /** The second measuring time: one day after programming. */
    public static final double LONG_SECONDS = 86_400.0;
    /** Rows per clone query call. */
    private static final int BATCH = 500;

    private CloneFleet() {
    }

    /**
     * @param digital       the distilled digital network (DenseLayers, then an OutputLayer)
     * @param factory       where fresh chips come from
     * @param settings      N, device, overrides, seed, fine-tuning
     * @param original      the original chip (for fine-tuning: its recorded outputs in {@code recorded} are used,
     *                      it is not queried)
     * @param recorded      the transfer set with the original's recorded outputs, for fine-tuning; may be null when
     *                      {@code settings.fineTuneEpochs()} is 0
     * @param fineTune      distillation settings of the fine-tuning (T, alpha, batch, seed; the epochs are the fleet's)
     * @param reference     the original's majority reference on the evaluation rows
     * @param eval          the evaluation rows
     * @param onClone       called with each clone chip after it is measured (for saving), may be null
     * @return one result per clone, in order
     * @throws IllegalArgumentException if the network cannot be programmed into a chip, the device is unknown,
     *                                  fine-tuning is asked for on a device without a pulse rule or without a recorded
     *                                  transfer set
     */
    public static List<CloneResult> run(MultiLayerNetwork digital, ChipFactory factory, FleetSettings settings,
                                        TappedModel original, TransferSet recorded, DistillationSettings fineTune,
                                        TeacherReference reference, EvaluationSet eval,
                                        BiConsumer<Integer, ProgrammableChip> onClone) {
        if (settings.fineTuneEpochs() > 0 && (recorded == null || !recorded.recorded())) {
            throw new IllegalArgumentException("fine-tuning clones needs a transfer set with the original's recorded"
                    + " outputs");
        }
        List<CloneResult> results = new ArrayList<>();
        for (int i = 0; i < settings.clones(); i++) {
            long t0 = System.nanoTime();
            long seed = KeyedRandom.key(settings.seed(), "clone", i);
            ProgrammableChip chip = factory.create(NetworkChips.design(digital, settings.device(),
                    settings.overrides(), seed));
            NetworkChips.program(digital, chip);
            List<Double> loss = List.of();
            if (settings.fineTuneEpochs() > 0) {
                ChipStudent student = new ChipStudent(chip, settings.fineTuneLearningRate(), settings.fineTuneDecay());
                DistillationResult r = new KdDistiller().distil(original, student, recorded, fineTune.toBuilder()
                        .epochs(settings.fineTuneEpochs()).seed(KeyedRandom.key(fineTune.seed(), "fine-tune", i))
                        .build(), DistillationListener.NONE);
                loss = r.lossPerEpoch();
            }
            Fidelity short1 = measure(chip, SHORT_SECONDS, reference, eval);
            Fidelity long1 = measure(chip, LONG_SECONDS, reference, eval);
            results.add(new CloneResult(i, seed, short1, long1, settings.fineTuneEpochs() > 0, loss,
                    (System.nanoTime() - t0) / 1e9));
            if (onClone != null) {
                onClone.accept(i, chip);
            }
        }
        return results;
    }

    private static Fidelity measure(ProgrammableChip chip, double seconds, TeacherReference reference,
                                    EvaluationSet eval) {
        chip.setSecondsSinceProgramming(seconds);
        return Fidelity.of(Batched.apply(chip::output, eval.inputs(), BATCH), reference, eval);
    }
}
