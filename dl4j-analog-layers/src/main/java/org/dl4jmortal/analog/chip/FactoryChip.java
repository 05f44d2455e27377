package org.dl4jmortal.analog.chip;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.layers.AnalogCrossbar;
import org.dl4jmortal.spi.chip.InPlaceTraining;
import org.dl4jmortal.spi.chip.ProgrammableChip;
import org.dl4jmortal.spi.chip.QueryLedger;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.distill.OutputLoss;
import org.dl4jmortal.spi.distill.OutputLossFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A chip made by {@link SimulatedChipFactory}, seen through the spi contract {@link ProgrammableChip}: an
 * {@link AnalogChip} over a {@link MultiLayerNetwork}, plus in-place training when every analog layer holds pulsed
 * devices. In-place training installs the caller's {@link OutputLoss} on the output layer for one ordinary DL4J
 * {@code fit()} step (the analog layers move their devices by pulses, DESIGN.md §3) and puts the layer's own loss back.
 */
final class FactoryChip implements ProgrammableChip, InPlaceTraining {
    private final AnalogChip chip;
    private final MultiLayerNetwork network;
    private double learningRate = Double.NaN;

    FactoryChip(AnalogChip chip) {
        this.chip = chip;
        this.network = (MultiLayerNetwork) chip.model();
    }

    /** @return the chip behind this view (for the simulator's own use: saving, the evaluation oracle in tests) */
    AnalogChip chip() {
        return chip;
    }

    @Override
    public Optional<InPlaceTraining> inPlaceTraining() {
        for (AnalogCrossbar c : chip.crossbars().values()) {
            if (!c.isPulsed()) {
                return Optional.empty();
            }
        }
        return Optional.of(this);
    }

    @Override
    public synchronized double step(INDArray input, INDArray targets, OutputLoss loss, double rate) {
        if (inPlaceTraining().isEmpty()) {
            throw new IllegalStateException("device '" + chip.info().device() + "' has no pulse rule; this chip can"
                    + " only be programmed");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("in-place learning rate must be a finite number > 0, got " + rate);
        }
        if (input == null || input.rank() != 2 || input.columns() != inputSize()) {
            throw new IllegalArgumentException("in-place training input must be [batch, " + inputSize() + "], got "
                    + (input == null ? "null" : java.util.Arrays.toString(input.shape())));
        }
        int width = loss.targetWidth(outputSize());
        if (targets == null || targets.rank() != 2 || targets.rows() != input.rows() || targets.columns() != width) {
            throw new IllegalArgumentException("in-place training targets must be [" + input.rows() + ", " + width
                    + "], got " + (targets == null ? "null" : java.util.Arrays.toString(targets.shape())));
        }
        if (!Double.isFinite(input.sumNumber().doubleValue()) || !Double.isFinite(targets.sumNumber().doubleValue())) {
            throw new IllegalArgumentException("in-place training input and targets must be finite (NaN or infinite"
                    + " values found)");
        }
        if (rate != learningRate) {
            network.setLearningRate(rate);
            learningRate = rate;
        }
        BaseOutputLayer out = (BaseOutputLayer) network.getOutputLayer().conf().getLayer();
        ILossFunction own = out.getLossFn();
        out.setLossFn(new OutputLossFunction(loss));
        try {
            network.fit(new DataSet(input, targets));
            return network.score();
        } finally {
            out.setLossFn(own);
        }
    }

    @Override
    public void save(Path file) throws IOException {
        chip.save(file.toFile());
    }

    @Override
    public String description() {
        StringBuilder widths = new StringBuilder().append(inputSize());
        for (TapPoint t : chip.taps()) {
            if (t.position() == org.dl4jmortal.spi.chip.TapPosition.POST) {
                widths.append('-').append(t.width());
            }
        }
        return "simulated chip, device " + chip.info().device() + ", layers " + widths + ", seed " + chip.info().seed()
                + (chip.info().overrides().isEmpty() ? "" : ", overrides " + chip.info().overrides());
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
    public List<TapPoint> taps() {
        return chip.taps();
    }

    @Override
    public QueryResult query(INDArray input, Collection<String> tapNames) {
        return chip.query(input, tapNames);
    }

    @Override
    public QueryLedger ledger() {
        return chip.ledger();
    }

    @Override
    public List<String> programmableLayers() {
        return chip.programmableLayers();
    }

    @Override
    public void program(String layerName, INDArray weights, INDArray bias) {
        chip.program(layerName, weights, bias);
    }

    @Override
    public double secondsSinceProgramming() {
        return chip.secondsSinceProgramming();
    }

    @Override
    public void advance(Duration duration) {
        chip.advance(duration);
    }

    @Override
    public void setSecondsSinceProgramming(double seconds) {
        chip.setSecondsSinceProgramming(seconds);
    }

    @Override
    public String toString() {
        return description();
    }
}
