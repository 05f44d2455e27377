package org.dl4jmortal.analog.chip;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link ChipNetwork} over a {@link MultiLayerNetwork}; layers without a name are named by their index. */
final class MultiLayerChipNetwork implements ChipNetwork {
    private final MultiLayerNetwork net;
    private final Map<String, Layer> layers = new LinkedHashMap<>();

    MultiLayerChipNetwork(MultiLayerNetwork net) {
        this.net = net;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer l = net.getLayer(i);
            String name = l.conf().getLayer().getLayerName();
            layers.put(name == null ? String.valueOf(i) : name, l);
        }
    }

    @Override
    public Model model() {
        return net;
    }

    @Override
    public String kind() {
        return "MultiLayerNetwork";
    }

    @Override
    public Map<String, Layer> layers() {
        return layers;
    }

    @Override
    public int inputSize() {
        return (int) ((FeedForwardLayer) net.getLayer(0).conf().getLayer()).getNIn();
    }

    @Override
    public int outputSize() {
        return (int) ((FeedForwardLayer) net.getLayer(net.getnLayers() - 1).conf().getLayer()).getNOut();
    }

    @Override
    public Map<String, INDArray> activations(INDArray input) {
        List<INDArray> acts = net.feedForward(input, false);
        Map<String, INDArray> out = new LinkedHashMap<>();
        int i = 1;
        for (String name : layers.keySet()) {
            out.put(name, acts.get(i++));
        }
        out.put(OUTPUT, acts.get(acts.size() - 1));
        return out;
    }

    @Override
    public void save(File file) throws IOException {
        ModelSerializer.writeModel(net, file, false);
    }
}
