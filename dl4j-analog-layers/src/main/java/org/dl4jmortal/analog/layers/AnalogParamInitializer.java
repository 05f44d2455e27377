package org.dl4jmortal.analog.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.dl4jmortal.analog.conf.AnalogLayerConfig;
import org.dl4jmortal.analog.conf.AnalogSpec;
import org.dl4jmortal.analog.device.DeviceSettings;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Lays an analog layer's device state and digital bias out in DL4J's flat parameter view, so that
 * {@code ModelSerializer} saves and restores all of it (DESIGN.md, DL4J notes). Keys and shapes are those of
 * {@link AnalogParams}. New views hold zeros, {@code wScale = 1} and the bias initialisation; the layer then
 * programs its initial weights.
 */
public final class AnalogParamInitializer implements ParamInitializer {
    private static final AnalogParamInitializer INSTANCE = new AnalogParamInitializer();

    private AnalogParamInitializer() {
    }

    /** @return the shared, stateless instance */
    public static AnalogParamInitializer getInstance() {
        return INSTANCE;
    }

    private static FeedForwardLayer ff(Layer layer) {
        if (!(layer instanceof FeedForwardLayer f)) {
            throw new IllegalArgumentException("AnalogParamInitializer needs a feed-forward layer config, got "
                    + layer.getClass().getName());
        }
        return f;
    }

    /** @return whether a pulsed layer's update settings (device defaults and overrides) switch Tiki-Taka on */
    private static boolean tikiTaka(Layer layer) {
        AnalogSpec spec = ((AnalogLayerConfig) layer).getAnalog();
        return kind(layer) == CrosspointKind.PULSED
                && DeviceSettings.resolve(spec.deviceName(), spec.parameterOverrides()).update().tikiTaka();
    }

    private static CrosspointKind kind(Layer layer) {
        if (!(layer instanceof AnalogLayerConfig a)) {
            throw new IllegalArgumentException("AnalogParamInitializer needs an analog layer config, got "
                    + layer.getClass().getName());
        }
        AnalogSpec spec = a.getAnalog();
        return MortalRegistry.global().get(PluginKind.DEVICE, spec.deviceName()).crosspointKind();
    }

    private static boolean hasBias(Layer layer) {
        return !(layer instanceof BaseOutputLayer o) || o.hasBias();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FeedForwardLayer f = ff(layer);
        long cells = f.getNIn() * f.getNOut();
        long arrays = kind(layer) == CrosspointKind.PULSED ? (tikiTaka(layer) ? 2 : 1) : 6;
        return arrays * cells + f.getNOut() + AnalogParams.STATE_SIZE + (hasBias(layer) ? f.getNOut() : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(AnalogParams.keys(kind(layer), tikiTaka(layer)));
        if (!hasBias(layer)) {
            keys.remove(AnalogParams.BIAS);
        }
        return Collections.unmodifiableList(keys);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return kind(layer) == CrosspointKind.PULSED ? List.of(AnalogParams.W_DEVICE)
                : List.of(AnalogParams.G_PLUS, AnalogParams.G_MINUS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return hasBias(layer) ? List.of(AnalogParams.BIAS) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return AnalogParams.BIAS.equals(key) && hasBias(layer);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Layer layer = conf.getLayer();
        Map<String, INDArray> views = split(layer, paramsView);
        if (initializeParams) {
            for (Map.Entry<String, INDArray> e : views.entrySet()) {
                e.getValue().assign(0);
            }
            views.get(AnalogParams.W_SCALE).assign(1);
            if (views.containsKey(AnalogParams.BIAS)) {
                views.get(AnalogParams.BIAS).assign(ff(layer).getBiasInit());
            }
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> split(Layer layer, INDArray flat) {
        FeedForwardLayer f = ff(layer);
        long nIn = f.getNIn();
        long nOut = f.getNOut();
        long expected = numParams(layer);
        if (flat.length() != expected) {
            throw new IllegalArgumentException("analog layer " + f.getLayerName() + " expects " + expected
                    + " parameters for nIn=" + nIn + ", nOut=" + nOut + ", got " + flat.length());
        }
        INDArray vector = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long offset = 0;
        for (String key : paramKeys(layer)) {
            long[] shape = shapeOf(key, nIn, nOut);
            long len = shape[0] * shape[1];
            INDArray view = vector.get(NDArrayIndex.interval(offset, offset + len));
            out.put(key, view.reshape('f', shape[0], shape[1]));
            offset += len;
        }
        return out;
    }

    private static long[] shapeOf(String key, long nIn, long nOut) {
        return switch (key) {
            case AnalogParams.W_SCALE, AnalogParams.BIAS -> new long[] {1, nOut};
            case AnalogParams.STATE -> new long[] {1, AnalogParams.STATE_SIZE};
            default -> new long[] {nIn, nOut};
        };
    }
}
