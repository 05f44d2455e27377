package org.dl4jmortal.distill.student;

import java.util.Map;
import org.dl4jmortal.spi.chip.InPlaceTraining;
import org.dl4jmortal.spi.chip.ProgrammableChip;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.distill.TrainingBatch;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A chip trained in place as a {@link Student} (analog to analog, DESIGN.md §4): every step goes through the chip's
 * {@link InPlaceTraining} (pulses on its devices, DESIGN.md §3) with SGD at a learning rate that is multiplied by a
 * decay factor after every epoch. The student's outputs are the chip's (noisy) outputs; its queries are counted in
 * the chip's own ledger, not the teacher's. A chip takes no hints.
 */
public final class ChipStudent implements Student {
    private final ProgrammableChip chip;
    private final InPlaceTraining training;
    private final double decay;
    private double learningRate;

    /**
     * @param chip         a chip whose devices train in place
     * @param learningRate initial SGD learning rate, finite and {@code > 0}
     * @param decay        factor applied to the learning rate after each epoch, in {@code (0, 1]}
     * @throws IllegalArgumentException if the chip cannot be trained in place (names its description) or a rate is
     *                                  out of range
     */
    public ChipStudent(ProgrammableChip chip, double learningRate, double decay) {
        this.chip = chip;
        this.training = chip.inPlaceTraining().orElseThrow(() -> new IllegalArgumentException("the student chip ("
                + chip.description() + ") cannot be trained in place: its devices have no pulse rule; use a pulsed"
                + " device (see `mortal plugins`)"));
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("in-place learning rate must be a finite number > 0, got "
                    + learningRate);
        }
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("learning-rate decay per epoch must lie in (0, 1], got " + decay);
        }
        this.learningRate = learningRate;
        this.decay = decay;
    }

    /** @return the chip being trained */
    public ProgrammableChip chip() {
        return chip;
    }

    /** @return the present learning rate */
    public double learningRate() {
        return learningRate;
    }

    @Override
    public int inputSize() {
        return chip.inputSize();
    }

    @Override
    public int outputSize() {
        return chip.outputSize();
    }

    @Override
    public Map<String, Integer> hintLayers() {
        return Map.of();
    }

    @Override
    public INDArray output(INDArray input) {
        return chip.output(input);
    }

    @Override
    public double fit(TrainingBatch batch) {
        if (!batch.hints().isEmpty()) {
            throw new IllegalArgumentException("a chip trained in place takes no hints (it trains only on an output"
                    + " loss); use the kd method, or a digital student for hint");
        }
        return training.step(batch.input(), batch.targets(), batch.loss(), learningRate);
    }

    @Override
    public void epochDone() {
        learningRate *= decay;
    }

    @Override
    public String description() {
        return chip.description() + ", trained in place (SGD, learning rate " + learningRate + ", decay " + decay
                + " per epoch)";
    }
}
