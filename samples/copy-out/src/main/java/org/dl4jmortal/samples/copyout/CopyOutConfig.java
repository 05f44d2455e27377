package org.dl4jmortal.samples.copyout;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the copy-out sample does, checked once. Immutable.
 *
 * @param chip            a chip file to copy (from {@code ./mortal train}, {@code ./mortal demo} or
 *                        {@code ./mortal convert}), or null to train one in place first
 * @param teacherDevice   pulsed device of the chip trained in place when {@code chip} is null
 * @param teacherEpochs   its epochs, {@code >= 1}
 * @param hidden          its hidden widths, each {@code >= 1}
 * @param atSeconds       time since programming at which the chip is copied, seconds, finite and {@code >= 0}
 * @param budget          query budget of the reconstruction, {@code >= 0} (0 = the method's default)
 * @param distiller       registered distiller of the distillation copy ({@code kd} or {@code hint})
 * @param distillEpochs   its epochs over the transfer images, {@code >= 1}
 * @param clones          size of the fleet, {@code >= 1}
 * @param fleetDevice     programmed device of the clones (for example {@code pcm})
 * @param passes          passes of the chip whose majority vote is the reference, {@code >= 1} (DESIGN.md §4: K = 5)
 * @param trainPerClass   training (and transfer) images per class, {@code >= 1}
 * @param testPerClass    test images per class, {@code >= 1}
 * @param data            {@code embedded}, {@code full} or a folder with the four IDX files
 * @param seed            seed of every random draw
 * @param out             output folder
 */
public record CopyOutConfig(Path chip, String teacherDevice, int teacherEpochs, List<Integer> hidden,
                            double atSeconds, long budget, String distiller, int distillEpochs, int clones,
                            String fleetDevice, int passes,
                            int trainPerClass, int testPerClass, String data, long seed, Path out) {

    /**
     * @throws IllegalArgumentException if a value is out of range (the message names the option and the range)
     * @throws NullPointerException     if a device or distiller name, the data or the output folder is null
     */
    public CopyOutConfig {
        Objects.requireNonNull(teacherDevice, "teacherDevice");
        Objects.requireNonNull(fleetDevice, "fleetDevice");
        Objects.requireNonNull(distiller, "distiller");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("--hidden needs one or more layer widths >= 1, got " + hidden);
        }
        atLeastOne("--teacher-epochs", teacherEpochs);
        atLeastOne("--distill-epochs", distillEpochs);
        atLeastOne("--clones", clones);
        atLeastOne("--passes", passes);
        atLeastOne("--train-per-class", trainPerClass);
        atLeastOne("--test-per-class", testPerClass);
        if (!(atSeconds >= 0) || !Double.isFinite(atSeconds)) {
            throw new IllegalArgumentException("--at must be finite and >= 0 seconds, got " + atSeconds);
        }
        if (budget < 0) {
            throw new IllegalArgumentException("--budget must be >= 0 queries (0 = the method's default), got " + budget);
        }
    }

    private static void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
    }
}
