package org.dl4jmortal.analog.conf;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dl4jmortal.analog.layers.AnalogParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Configuration of a fully connected layer whose weights live in an analog crossbar; usable wherever DL4J's
 * {@code DenseLayer} is. Output {@code [batch, nOut]} from input {@code [batch, nIn]}:
 * {@code activation(periphery(x, W_eff(t)) * alpha_GDC + b)} with the bias digital and exact (DESIGN.md §3).
 * <pre>{@code
 * new AnalogDenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU)
 *         .device("pcm").parameter("outputBits", 8).seed(42).build();
 * }</pre>
 * Device state (conductances, drift exponents, faults, clock) is stored in the layer's parameters and never updated by
 * DL4J's updater; only the bias is.
 */
public class AnalogDenseLayer extends FeedForwardLayer implements AnalogLayerConfig {
    private static final long serialVersionUID = 1L;

    private AnalogSpec analog = new AnalogSpec();

    /** For JSON deserialisation only. */
    public AnalogDenseLayer() {
    }

    private AnalogDenseLayer(Builder builder) {
        super(builder);
        this.analog = builder.analog.build();
        initializeConstraints(builder);
    }

    /** @return the device, parameter overrides and seed of this layer */
    @Override
    public AnalogSpec getAnalog() {
        return analog;
    }

    /** @param analog the device, parameter overrides and seed (used by the converter and by JSON) */
    public void setAnalog(AnalogSpec analog) {
        this.analog = Objects.requireNonNull(analog, "analog");
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                      Collection<TrainingListener> trainingListeners,
                                                      int layerIndex, INDArray layerParamsView,
                                                      boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("AnalogDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        org.dl4jmortal.analog.layers.AnalogDenseLayer ret =
                new org.dl4jmortal.analog.layers.AnalogDenseLayer(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        ret.initialiseDevices(initializeParams);
        return ret;
    }

    @Override
    public ParamInitializer initializer() {
        return AnalogParamInitializer.getInstance();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return AnalogParams.updaterFor(paramName, iUpdater, biasUpdater);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return AnalogParams.regularizationFor(paramName, regularizationBias);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterState = iUpdater == null ? 0 : iUpdater.stateSize(nOut);
        return new LayerMemoryReport.Builder(layerName, AnalogDenseLayer.class, inputType, outputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, 2 * nOut, 0, 3 * nOut)
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalogDenseLayer other && super.equals(o) && analog.equals(other.analog);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + analog.hashCode();
    }

    @Override
    public String toString() {
        return "AnalogDenseLayer(" + super.toString() + ", " + analog + ")";
    }

    /** DL4J-style fluent builder. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private final AnalogSpecBuilder analog = new AnalogSpecBuilder();

        /**
         * @param deviceName registered device name ({@code pcm}, {@code ideal}, ...); resolved when the network is
         *                   initialised, unknown names then fail listing the installed devices
         * @return this builder
         */
        public Builder device(String deviceName) {
            analog.device(deviceName);
            return this;
        }

        /**
         * @param name  a device or periphery parameter name ({@code outputBits}, {@code readNoise}, ...)
         * @param value its value (checked against its range when the network is initialised)
         * @return this builder
         */
        public Builder parameter(String name, double value) {
            analog.parameter(name, value);
            return this;
        }

        /**
         * @param values several parameter overrides
         * @return this builder
         */
        public Builder parameters(Map<String, Double> values) {
            analog.parameters(values);
            return this;
        }

        /**
         * @param seed 64-bit seed of every random draw of this layer (programming noise, drift exponents, faults,
         *             read noise); without it the seed derives from the network seed and the layer index
         * @return this builder
         */
        public Builder seed(long seed) {
            analog.seed(seed);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AnalogDenseLayer build() {
            return new AnalogDenseLayer(this);
        }
    }
}
