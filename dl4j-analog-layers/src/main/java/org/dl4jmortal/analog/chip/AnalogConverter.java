package org.dl4jmortal.analog.chip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.dl4jmortal.analog.conf.AnalogSpec;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a trained digital network into a programmed analog chip (the role of aihwkit's {@code convert_to_analog}):
 * every {@code DenseLayer} becomes an {@link AnalogDenseLayer} and every {@code OutputLayer} an
 * {@link AnalogOutputLayer} with the same shape, activation, loss, initialisation and training settings; their weights
 * are programmed (with the device's programming noise) and their bias copied; every other layer stays digital with
 * its parameters copied, and is listed in {@link ConversionResult#digitalLayers()}. The digital network is not
 * changed. Layer {@code i} gets the seed {@code KeyedRandom.key(chipSeed, "layer", i)}.
 */
public final class AnalogConverter {
    private final String device;
    private final Map<String, Double> overrides;
    private final long seed;

    /**
     * @param device    registered device name ({@code pcm}, {@code ideal}, ...)
     * @param overrides device and periphery parameter overrides (checked when the chip is built)
     * @param seed      the chip seed
     */
    public AnalogConverter(String device, Map<String, Double> overrides, long seed) {
        this.device = Objects.requireNonNull(device, "device");
        this.overrides = new LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides"));
        this.seed = seed;
    }

    /**
     * @param digital   an initialised, trained network
     * @param createdBy provenance note
     * @return the programmed chip (clock at 0 s since programming) and the lists of analog and digital layers
     * @throws IllegalArgumentException if the device or an override is invalid, or nothing can be converted
     */
    public ConversionResult convert(MultiLayerNetwork digital, String createdBy) {
        MultiLayerConfiguration conf = digital.getLayerWiseConfigurations().clone();
        List<String> analog = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration c = conf.getConf(i);
            Layer converted = toAnalog(c.getLayer(), i);
            String name = c.getLayer().getLayerName() != null ? c.getLayer().getLayerName() : String.valueOf(i);
            if (converted != null) {
                c.setLayer(converted);
                analog.add(name);
            } else {
                kept.add(name);
            }
        }
        requireSomething(analog, kept);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ChipInfo info = new ChipInfo(seed, device, overrides, analog, kept, createdBy);
        AnalogChip chip = AnalogChip.wrap(net, info);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            String name = new ArrayList<>(chip.network().layers().keySet()).get(i);
            copyInto(chip, name, digital.getLayer(i), net.getLayer(i));
        }
        return new ConversionResult(chip, analog, kept);
    }

    /**
     * @param digital   an initialised, trained single-input, single-output graph
     * @param createdBy provenance note
     * @return the programmed chip and the lists of analog and digital layers
     * @throws IllegalArgumentException as {@link #convert(MultiLayerNetwork, String)}
     */
    public ConversionResult convert(ComputationGraph digital, String createdBy) {
        ComputationGraphConfiguration conf = digital.getConfiguration().clone();
        List<String> analog = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv) {
                Layer converted = toAnalog(lv.getLayerConf().getLayer(), i++);
                if (converted != null) {
                    lv.getLayerConf().setLayer(converted);
                    analog.add(e.getKey());
                } else {
                    kept.add(e.getKey());
                }
            }
        }
        requireSomething(analog, kept);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        ChipInfo info = new ChipInfo(seed, device, overrides, analog, kept, createdBy);
        AnalogChip chip = AnalogChip.wrap(graph, info);
        for (String name : chip.network().layers().keySet()) {
            copyInto(chip, name, digital.getLayer(name), graph.getLayer(name));
        }
        return new ConversionResult(chip, analog, kept);
    }

    private static void requireSomething(List<String> analog, List<String> kept) {
        if (analog.isEmpty()) {
            throw new IllegalArgumentException("nothing to convert: the network has no DenseLayer or OutputLayer;"
                    + " layers found: " + kept);
        }
    }

    private void copyInto(AnalogChip chip, String name, org.deeplearning4j.nn.api.Layer from,
                          org.deeplearning4j.nn.api.Layer to) {
        if (chip.programmableLayers().contains(name)) {
            INDArray w = from.getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray b = from.paramTable().get(DefaultParamInitializer.BIAS_KEY);
            chip.program(name, w, b);
        } else if (from.numParams() > 0) {
            to.setParams(from.params().dup());
        }
    }

    private Layer toAnalog(Layer layer, int index) {
        long layerSeed = KeyedRandom.key(seed, "layer", index);
        AnalogSpec spec = new AnalogSpec(device, overrides, layerSeed);
        if (layer instanceof OutputLayer o) {
            AnalogOutputLayer a = new AnalogOutputLayer.Builder(o.getLossFn()).nIn(o.getNIn()).nOut(o.getNOut())
                    .hasBias(o.hasBias()).build();
            copyCommon(o, a);
            a.setAnalog(spec);
            return a;
        }
        if (layer instanceof DenseLayer d && !d.hasLayerNorm()) {
            AnalogDenseLayer a = new AnalogDenseLayer.Builder().nIn(d.getNIn()).nOut(d.getNOut()).build();
            copyCommon(d, a);
            a.setAnalog(spec);
            return a;
        }
        return null;
    }

    private static void copyCommon(BaseLayer from, BaseLayer to) {
        to.setLayerName(from.getLayerName());
        to.setActivationFn(from.getActivationFn());
        to.setWeightInitFn(from.getWeightInitFn());
        to.setBiasInit(from.getBiasInit());
        to.setGainInit(from.getGainInit());
        to.setRegularization(from.getRegularization());
        to.setRegularizationBias(from.getRegularizationBias());
        to.setIUpdater(from.getIUpdater());
        to.setBiasUpdater(from.getBiasUpdater());
        to.setGradientNormalization(from.getGradientNormalization());
        to.setGradientNormalizationThreshold(from.getGradientNormalizationThreshold());
        to.setIDropout(from.getIDropout());
        to.setConstraints(from.getConstraints());
    }
}
