package org.dl4jmortal.distill.method;

import java.util.Map;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.distill.DistillationListener;
import org.dl4jmortal.spi.distill.DistillationResult;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.Distiller;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.distill.TransferSet;

/**
 * Distiller {@value #NAME}: knowledge distillation of Hinton, Vinyals &amp; Dean (2015) on the teacher's output only
 * ({@link org.dl4jmortal.distill.loss.KdLoss}: soft targets at temperature T with the {@code T^2} factor, hard labels
 * weighted {@code 1 - alpha} where the transfer rows have them).
 */
public final class KdDistiller implements Distiller {
    /** Registered name. */
    public static final String NAME = "kd";

    /** Public no-argument constructor for the plugin registry. */
    public KdDistiller() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "knowledge distillation on soft targets at temperature T (Hinton, Vinyals & Dean 2015)";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if the settings name hints (kd uses none; the hint method does)
     */
    @Override
    public DistillationResult distil(TappedModel teacher, Student student, TransferSet transfer,
                                     DistillationSettings settings, DistillationListener listener) {
        if (!settings.hints().isEmpty()) {
            throw new IllegalArgumentException("kd matches the teacher's output only; the hint mapping "
                    + settings.hints() + " needs the hint method");
        }
        return DistillationLoop.run(NAME, teacher, student, transfer, settings, Map.of(), listener);
    }
}
