package org.dl4jmortal.analog.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Implementation of {@link org.dl4jmortal.analog.conf.AnalogOutputLayer}: DL4J's output layer (loss, labels,
 * score) with the weights in an analog crossbar. Input {@code [batch, nIn]}, output {@code [batch, nOut]}.
 */
public class AnalogOutputLayer extends BaseOutputLayer<org.dl4jmortal.analog.conf.AnalogOutputLayer>
        implements AnalogLayer {
    private AnalogCrossbar crossbar;

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public AnalogOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
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
        Pair<Gradient, INDArray> gd = gradientAndDelta(workspaceMgr);
        INDArray epsilonNext = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, crossbar.backward(gd.getSecond()));
        return new Pair<>(gd.getFirst(), epsilonNext);
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            return;
        }
        this.gradient = gradientAndDelta(workspaceMgr).getFirst();
        this.score = computeScore(0.0, true, workspaceMgr);
    }

    private Pair<Gradient, INDArray> gradientAndDelta(LayerWorkspaceMgr workspaceMgr) {
        INDArray preOut = trainingPreOutput(workspaceMgr);
        ILossFunction loss = layerConf().getLossFn();
        INDArray labels2d = getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = loss.computeGradient(labels2d, preOut, layerConf().getActivationFn(), maskArray);
        Gradient g = AnalogLayerSupport.gradient(crossbar, input, delta, params, gradientViews,
                AnalogLayerSupport.learningRate(layerConf(), getIterationCount(), getEpochCount()),
                getIterationCount(), getEpochCount());
        return new Pair<>(g, delta);
    }

    @Override
    protected INDArray getLabels2d(LayerWorkspaceMgr workspaceMgr, ArrayType arrayType) {
        if (labels.rank() != 2) {
            throw new IllegalStateException("AnalogOutputLayer " + crossbar.layerName()
                    + " expects 2-d labels [batch, nOut], got rank " + labels.rank());
        }
        return labels;
    }
}
