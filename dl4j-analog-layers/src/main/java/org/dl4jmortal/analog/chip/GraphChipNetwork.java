package org.dl4jmortal.analog.chip;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link ChipNetwork} over a single-input, single-output {@link ComputationGraph}; layers in topological order. */
final class GraphChipNetwork implements ChipNetwork {
    private final ComputationGraph graph;
    private final Map<String, Layer> layers = new LinkedHashMap<>();

    GraphChipNetwork(ComputationGraph graph) {
        if (graph.getNumInputArrays() != 1 || graph.getNumOutputArrays() != 1) {
            throw new IllegalArgumentException("a chip needs a ComputationGraph with one input and one output, got "
                    + graph.getNumInputArrays() + " inputs and " + graph.getNumOutputArrays() + " outputs");
        }
        this.graph = graph;
        GraphVertex[] vertices = graph.getVertices();
        for (int idx : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[idx];
            if (v.hasLayer()) {
                layers.put(v.getVertexName(), v.getLayer());
            }
        }
    }

    @Override
    public Model model() {
        return graph;
    }

    @Override
    public String kind() {
        return "ComputationGraph";
    }

    @Override
    public Map<String, Layer> layers() {
        return layers;
    }

    @Override
    public int inputSize() {
        return (int) ((FeedForwardLayer) layers.values().iterator().next().conf().getLayer()).getNIn();
    }

    @Override
    public int outputSize() {
        String out = graph.getConfiguration().getNetworkOutputs().get(0);
        return (int) ((FeedForwardLayer) graph.getLayer(out).conf().getLayer()).getNOut();
    }

    @Override
    public Map<String, INDArray> activations(INDArray input) {
        Map<String, INDArray> acts = graph.feedForward(input, false);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : layers.keySet()) {
            out.put(name, acts.get(name));
        }
        out.put(OUTPUT, acts.get(graph.getConfiguration().getNetworkOutputs().get(0)));
        return out;
    }

    @Override
    public void save(File file) throws IOException {
        ModelSerializer.writeModel(graph, file, false);
    }
}
