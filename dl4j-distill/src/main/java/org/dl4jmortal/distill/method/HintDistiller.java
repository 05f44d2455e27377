package org.dl4jmortal.distill.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TapPosition;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.distill.DistillationListener;
import org.dl4jmortal.spi.distill.DistillationResult;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.Distiller;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.distill.TransferSet;

/**
 * Distiller {@value #NAME}: hint (tap-level) distillation after Romero et al., "FitNets: Hints for Thin Deep Nets"
 * (ICLR 2015), trained jointly with {@code kd}: each chosen student layer predicts a chosen teacher tap through a
 * learned linear adapter where the widths differ (FitNets' regressor), under a mean squared error weighted by the
 * settings' hint weight, added to the {@link org.dl4jmortal.distill.loss.KdLoss} of the output. The teacher's hinted
 * taps are read with its outputs, once per transfer row (tap reads in the ledger).
 * <p>
 * Without an explicit mapping the student's hidden layers are matched, in order, with the {@code .post} taps of the
 * teacher's hidden layers (all layers but the last), as many pairs as the shorter of the two lists.
 */
public final class HintDistiller implements Distiller {
    /** Registered name. */
    public static final String NAME = "hint";

    /** Public no-argument constructor for the plugin registry. */
    public HintDistiller() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "hints: student layers regress teacher taps through linear adapters (Romero et al., FitNets 2015),"
                + " plus kd on the output";
    }

    @Override
    public DistillationResult distil(TappedModel teacher, Student student, TransferSet transfer,
                                     DistillationSettings settings, DistillationListener listener) {
        DistillationLoop.checkShapes(teacher, student, transfer);
        Map<String, String> mapping = settings.hints().isEmpty() ? defaultMapping(teacher, student)
                : settings.hints();
        validate(mapping, teacher, student);
        return DistillationLoop.run(NAME, teacher, student, transfer, settings, mapping, listener);
    }

    /**
     * @param teacher the black box
     * @param student the student
     * @return student hidden layers matched in order with the teacher's hidden {@code .post} taps
     * @throws IllegalArgumentException if either side has no hidden layer
     */
    public static Map<String, String> defaultMapping(TappedModel teacher, Student student) {
        List<TapPoint> posts = new ArrayList<>();
        for (TapPoint t : teacher.taps()) {
            if (t.position() == TapPosition.POST) {
                posts.add(t);
            }
        }
        List<String> guided = new ArrayList<>(student.hintLayers().keySet());
        int pairs = Math.min(guided.size(), posts.size() - 1);
        if (pairs < 1) {
            throw new IllegalArgumentException("hint needs a hidden layer on both sides: the student offers "
                    + guided + ", the teacher's hidden .post taps are " + posts.subList(0, Math.max(0,
                    posts.size() - 1)).stream().map(TapPoint::name).toList());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs; i++) {
            m.put(guided.get(i), posts.get(i).name());
        }
        return m;
    }

    /**
     * @throws IllegalArgumentException if a teacher tap is unknown or a student layer cannot take a hint (each with
     *                                  the valid names)
     */
    static void validate(Map<String, String> mapping, TappedModel teacher, Student student) {
        Map<String, Integer> layers = student.hintLayers();
        List<String> tapNames = teacher.taps().stream().map(TapPoint::name).toList();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            if (!tapNames.contains(e.getValue())) {
                throw new IllegalArgumentException("hint " + e.getKey() + "=" + e.getValue() + ": the teacher has no"
                        + " tap '" + e.getValue() + "'; valid taps: " + tapNames);
            }
            if (!layers.containsKey(e.getKey())) {
                throw new IllegalArgumentException("hint " + e.getKey() + "=" + e.getValue() + ": the student has no"
                        + " layer '" + e.getKey() + "' that can take a hint; layers that can: " + layers.keySet());
            }
        }
    }
}
