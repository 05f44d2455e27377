package org.dl4jmortal.samples.distill;

import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.distill.student.ChipStudent;
import org.dl4jmortal.distill.student.MlpSpec;
import org.dl4jmortal.distill.student.NetworkStudent;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;

/**
 * The command line's students: {@code mlp:784-256-128-10} (a digital MLP, Adam 1e-3 decaying by 0.8 per epoch) or
 * {@code inplace:DEVICE:784-256-128-10} (a fresh chip of a pulsed device from the {@code simulated} chip factory,
 * trained in place); {@code mlp} alone means an MLP of the teacher's shape.
 */
public final class Students {
    /** Default Adam learning rate of a digital student. */
    public static final double DIGITAL_LEARNING_RATE = MlpSpec.DEFAULT_LEARNING_RATE;
    /**
     * Default learning-rate factor per epoch of a digital student: Adam's rate decays exponentially, 1e-3 x 0.8^epoch
     * (measured on the in-place soft-bounds chip: agreement 0.9478 against 0.9361 with a constant rate, kd on the
     * labelled training images).
     */
    public static final double DIGITAL_DECAY = 0.8;
    /** Default in-place SGD learning rate of a chip student. */
    public static final double IN_PLACE_LEARNING_RATE = 0.05;
    /** Learning-rate factor per epoch of a chip student. */
    public static final double IN_PLACE_DECAY = 0.8;
    /** The chip factory used for chip students and clones. */
    public static final String FACTORY = "simulated";

    private Students() {
    }

    /**
     * @param spec         {@code mlp}, {@code mlp:...} or {@code inplace:DEVICE:...}
     * @param teacher      the teacher (for {@code mlp} alone)
     * @param seed         seed of the initial weights or of the chip
     * @param learningRate learning rate, or null for the kind's default
     * @param decay        learning-rate factor per epoch in (0, 1], or null for the kind's default
     * @return the student
     * @throws IllegalArgumentException if the spec is malformed, the device unknown or not pulsed
     */
    public static Student create(String spec, TappedModel teacher, long seed, Double learningRate, Double decay) {
        String s = spec.trim();
        if (s.toLowerCase(Locale.ROOT).startsWith("inplace:")) {
            String rest = s.substring("inplace:".length());
            int colon = rest.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a chip student is written inplace:DEVICE:IN-HIDDEN-...-OUT, for"
                        + " example inplace:soft-bounds:784-256-128-10; got '" + spec + "'");
            }
            MlpSpec mlp = MlpSpec.parse(rest.substring(colon + 1));
            ChipFactory factory = MortalRegistry.global().get(PluginKind.CHIP_FACTORY, FACTORY);
            return new ChipStudent(factory.create(mlp.chipDesign(rest.substring(0, colon), Map.of(), seed)),
                    learningRate == null ? IN_PLACE_LEARNING_RATE : learningRate, decay == null ? IN_PLACE_DECAY : decay);
        }
        MlpSpec mlp = s.equals("mlp") ? MlpSpec.like(teacher) : MlpSpec.parse(s);
        MultiLayerNetwork net = mlp.digital(seed, learningRate == null ? DIGITAL_LEARNING_RATE : learningRate,
                decay == null ? DIGITAL_DECAY : decay);
        return NetworkStudent.of(net);
    }
}
