package org.dl4jmortal.analog.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Implementation of {@link org.dl4jmortal.analog.conf.AnalogDenseLayer}: input {@code [batch, nIn]}, output
 * {@code [batch, nOut]} = activation(crossbar read + bias). The backward pass reads the transposed array through the
 * same periphery; device state receives zero gradient (it changes only by programming or, with a pulsed device, by
 * its own update rule).
 */
public class AnalogDenseLayer extends BaseLayer<org.dl4jmortal.analog.conf.AnalogDenseLayer> implements AnalogLayer {
    private AnalogCrossbar crossbar;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public AnalogDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Creates the crossbar; on a fresh layer draws its faults and programs the initial weights.
     *
     * @param initializeParams true for a fresh layer, false when the parameters are restored
     * @throws IllegalArgumentException if the device or a parameter override is invalid
     */
    public void initialiseDevices(boolean initializeParams) {
        crossbar = AnalogLayerSupport.crossbar(conf, index, layerConf().getAnalog(), params);
        crossbar.initialise(initializeParams, layerConf().getWeightInitFn());
    }

    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return AnalogLayerSupport.divideByMinibatch(paramName);
    }

    @Override
    public AnalogCrossbar crossbar() {
        return crossbar;
    }

    @Override
    public void setParamTable(java.util.Map<String, INDArray> paramTable) {
        super.setParamTable(paramTable);
        if (crossbar != null) {
            crossbar.invalidate();
        }
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        return AnalogLayerSupport.withBias(crossbar.read(input), params, maskArray == null ? null : this::applyMask,
                workspaceMgr);
    }

    /** The training forward read of this input if it is still valid (see {@link AnalogCrossbar#lastReadOf}), else a new read. */
    private INDArray trainingPreOutput(LayerWorkspaceMgr workspaceMgr) {
        INDArray last = crossbar.lastReadOf(input);
        if (last == null) {
            return preOutput(true, workspaceMgr);
        }
        return AnalogLayerSupport.withBias(last, params, maskArray == null ? null : this::applyMask, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray z = trainingPreOutput(workspaceMgr);
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        if (maskArray != null) {
            applyMask(delta);
        }
        Gradient g = AnalogLayerSupport.gradient(crossbar, input, delta, params, gradientViews,
                AnalogLayerSupport.learningRate(layerConf(), getIterationCount(), getEpochCount()),
                getIterationCount(), getEpochCount());
        INDArray epsilonNext = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, crossbar.backward(delta));
        epsilonNext = backpropDropOutIfPresent(epsilonNext);
        return new Pair<>(g, epsilonNext);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }
}
