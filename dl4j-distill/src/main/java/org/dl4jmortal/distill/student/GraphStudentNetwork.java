package org.dl4jmortal.distill.student;

import java.util.LinkedHashMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** {@link StudentNetwork} over a single-input, single-output {@link ComputationGraph}; layers in topological order. */
final class GraphStudentNetwork implements StudentNetwork {
    private final ComputationGraph graph;
    private final LinkedHashMap<String, Layer> layers = new LinkedHashMap<>();
    private final String outputName;

    GraphStudentNetwork(ComputationGraph graph) {
        if (graph.getNumInputArrays() != 1 || graph.getNumOutputArrays() != 1) {
            throw new IllegalArgumentException("a student graph needs one input and one output, got "
                    + graph.getNumInputArrays() + " inputs and " + graph.getNumOutputArrays() + " outputs");
        }
        this.graph = graph;
        this.outputName = graph.getConfiguration().getNetworkOutputs().get(0);
        GraphVertex[] vertices = graph.getVertices();
        for (int idx : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[idx];
            if (v.hasLayer() && !v.getVertexName().equals(outputName)) {
                layers.put(v.getVertexName(), v.getLayer());
            }
        }
        layers.put(outputName, graph.getLayer(outputName));
    }

    @Override
    public Model model() {
        return graph;
    }

    @Override
    public LinkedHashMap<String, Layer> layers() {
        return layers;
    }

    @Override
    public String outputLayerName() {
        return outputName;
    }

    @Override
    public int inputSize() {
        return (int) ((FeedForwardLayer) layers.values().iterator().next().conf().getLayer()).getNIn();
    }

    @Override
    public INDArray output(INDArray input) {
        return graph.outputSingle(false, input);
    }

    @Override
    public double fit(INDArray input, INDArray targets) {
        graph.fit(new MultiDataSet(input, targets));
        return graph.score();
    }

    @Override
    public void incrementEpochCount() {
        graph.incrementEpochCount();
    }

    @Override
    public ComputationGraphConfiguration.GraphBuilder graphBuilder() {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        return new ComputationGraphConfiguration.GraphBuilder(conf, new NeuralNetConfiguration.Builder()
                .dataType(conf.getDataType()));
    }
}
