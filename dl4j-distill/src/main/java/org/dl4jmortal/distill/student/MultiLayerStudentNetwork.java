package org.dl4jmortal.distill.student;

import java.util.LinkedHashMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** {@link StudentNetwork} over a {@link MultiLayerNetwork}; a layer without a name is named by its index. */
final class MultiLayerStudentNetwork implements StudentNetwork {
    private final MultiLayerNetwork net;
    private final LinkedHashMap<String, Layer> layers = new LinkedHashMap<>();

    MultiLayerStudentNetwork(MultiLayerNetwork net) {
        this.net = net;
        for (int i = 0; i < net.getnLayers(); i++) {
            String name = net.getLayer(i).conf().getLayer().getLayerName();
            layers.put(name == null ? String.valueOf(i) : name, net.getLayer(i));
        }
    }

    @Override
    public Model model() {
        return net;
    }

    @Override
    public LinkedHashMap<String, Layer> layers() {
        return layers;
    }

    @Override
    public String outputLayerName() {
        String last = null;
        for (String n : layers.keySet()) {
            last = n;
        }
        return last;
    }

    @Override
    public int inputSize() {
        return (int) ((FeedForwardLayer) net.getLayer(0).conf().getLayer()).getNIn();
    }

    @Override
    public INDArray output(INDArray input) {
        return net.output(input, false);
    }

    @Override
    public double fit(INDArray input, INDArray targets) {
        net.fit(new DataSet(input, targets));
        return net.score();
    }

    @Override
    public void incrementEpochCount() {
        net.incrementEpochCount();
    }

    @Override
    public ComputationGraphConfiguration.GraphBuilder graphBuilder() {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(conf.getConf(0).getSeed()).dataType(conf.getDataType()).graphBuilder()
                .addInputs(INPUT);
        String previous = INPUT;
        int i = 0;
        for (String name : layers.keySet()) {
            NeuralNetConfiguration c = conf.getConf(i);
            b.addLayer(name, c.getLayer(), conf.getInputPreProcess(i), previous);
            previous = name;
            i++;
        }
        return b.setOutputs(previous);
    }
}
