package org.dl4jmortal.analog.conf;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dl4jmortal.analog.layers.AnalogParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Configuration of an output layer (loss, labels, score as DL4J's {@code OutputLayer}) whose weights live in an
 * analog crossbar; see {@link AnalogDenseLayer} for the forward model. Input {@code [batch, nIn]}, output
 * {@code [batch, nOut]}.
 */
public class AnalogOutputLayer extends BaseOutputLayer implements AnalogLayerConfig {
    private static final long serialVersionUID = 1L;

    private AnalogSpec analog = new AnalogSpec();

    /** For JSON deserialisation only. */
    public AnalogOutputLayer() {
    }

    private AnalogOutputLayer(Builder builder) {
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
        LayerValidation.assertNInNOutSet("AnalogOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        org.dl4jmortal.analog.layers.AnalogOutputLayer ret =
                new org.dl4jmortal.analog.layers.AnalogOutputLayer(conf, networkDataType);
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
    public boolean equals(Object o) {
        return o instanceof AnalogOutputLayer other && super.equals(o) && analog.equals(other.analog);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + analog.hashCode();
    }

    @Override
    public String toString() {
        return "AnalogOutputLayer(" + super.toString() + ", " + analog + ")";
    }

    /** DL4J-style fluent builder. */
    public static class Builder extends BaseOutputLayer.Builder<Builder> {
        private final AnalogSpecBuilder analog = new AnalogSpecBuilder();

        /** Builder with DL4J's default loss (MCXENT). */
        public Builder() {
            super(LossFunctions.LossFunction.MCXENT);
        }

        /** @param lossFunction the loss */
        public Builder(LossFunctions.LossFunction lossFunction) {
            super(lossFunction);
        }

        /** @param lossFunction the loss */
        public Builder(ILossFunction lossFunction) {
            super(lossFunction);
        }

        /**
         * @param deviceName registered device name; see {@link AnalogDenseLayer.Builder#device(String)}
         * @return this builder
         */
        public Builder device(String deviceName) {
            analog.device(deviceName);
            return this;
        }

        /**
         * @param name  a device or periphery parameter name
         * @param value its value
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
         * @param seed 64-bit seed of this layer's random draws
         * @return this builder
         */
        public Builder seed(long seed) {
            analog.seed(seed);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AnalogOutputLayer build() {
            return new AnalogOutputLayer(this);
        }
    }
}
