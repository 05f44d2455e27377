package org.dl4jmortal.samples.copyout;

import java.util.ArrayList;
import java.util.List;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reference a copy is measured against (DESIGN.md §4): the chip's majority vote over {@code K} passes on the test
 * inputs, and the chip's self-agreement, one further pass against that majority (nothing can agree with a noisy chip
 * more often than it agrees with itself).
 *
 * @param majority       per test input, the chip's majority class
 * @param selfAgreement  agreement of one fresh pass with the majority, in {@code [0, 1]}
 * @param accuracy       accuracy of the majority vote against the labels, in {@code [0, 1]}
 * @param queries        queries spent ({@code (K + 1) n})
 */
public record TeacherReference(int[] majority, double selfAgreement, double accuracy, long queries) {

    /**
     * @param chip   the chip, at the time wanted
     * @param inputs test inputs {@code [n, 784]}
     * @param labels their classes
     * @param passes {@code K >= 1}
     * @return the reference
     * @throws IllegalArgumentException if {@code passes < 1} or the label count differs from the input rows
     */
    public static TeacherReference measure(AnalogChip chip, INDArray inputs, int[] labels, int passes) {
        if (passes < 1) {
            throw new IllegalArgumentException("--passes must be >= 1, got " + passes);
        }
        if (labels.length != inputs.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + inputs.rows() + " inputs");
        }
        long before = chip.ledger().queries();
        List<INDArray> outputs = new ArrayList<>();
        for (int k = 0; k < passes; k++) {
            outputs.add(chip.output(inputs));
        }
        int[] majority = Agreement.majority(outputs);
        double self = Agreement.agreement(Agreement.top1(chip.output(inputs)), majority);
        return new TeacherReference(majority, self, Agreement.agreement(majority, labels),
                chip.ledger().queries() - before);
    }
}
