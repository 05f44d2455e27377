package org.dl4jmortal.samples.copyout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.spi.random.KeyedRandom;

/**
 * A fleet of clones (DESIGN.md §4): the readable copy programmed into {@code N} fresh chips, each with its own seed
 * and so its own programming noise, drift exponents and faults, measured against the original chip's majority vote at
 * 1 s and 1 day after programming.
 */
public final class Fleet {
    /** One second after programming. */
    public static final double SECOND = 1;
    /** One day after programming. */
    public static final double DAY = 86_400;

    /**
     * One clone's fidelity.
     *
     * @param seed          its chip seed
     * @param agreement     top-1 agreement with the original's majority vote at 1 s
     * @param accuracy      test accuracy at 1 s
     * @param agreementDay  agreement 1 day after programming
     * @param accuracyDay   accuracy 1 day after programming
     */
    public record Clone(long seed, double agreement, double accuracy, double agreementDay, double accuracyDay) {
    }

    private Fleet() {
    }

    /**
     * @param copy      the readable copy (a digital DL4J network)
     * @param clones    how many, {@code >= 1}
     * @param device    the clones' programmed device (for example {@code pcm})
     * @param seed      fleet seed; clone {@code i} gets {@code KeyedRandom.key(seed, "clone", i)}
     * @param data      test inputs and labels
     * @param reference the original chip's majority vote on the test inputs
     * @return one report per clone
     * @throws IllegalArgumentException if {@code clones < 1} or the device is not installed
     */
    public static List<Clone> program(MultiLayerNetwork copy, int clones, String device, long seed, CopyOutData data,
                                      TeacherReference reference) {
        if (clones < 1) {
            throw new IllegalArgumentException("--clones must be >= 1, got " + clones);
        }
        List<Clone> out = new ArrayList<>();
        for (int i = 0; i < clones; i++) {
            long s = KeyedRandom.key(seed, "clone", i);
            AnalogChip chip = new AnalogConverter(device, Map.of(), s).convert(copy, "copy-out clone " + i).chip();
            chip.setSecondsSinceProgramming(SECOND);
            int[] now = Agreement.top1(chip.output(data.testInputs()));
            chip.setSecondsSinceProgramming(DAY);
            int[] day = Agreement.top1(chip.output(data.testInputs()));
            out.add(new Clone(s, Agreement.agreement(now, reference.majority()),
                    Agreement.agreement(now, data.testLabels()), Agreement.agreement(day, reference.majority()),
                    Agreement.agreement(day, data.testLabels())));
        }
        return out;
    }
}
