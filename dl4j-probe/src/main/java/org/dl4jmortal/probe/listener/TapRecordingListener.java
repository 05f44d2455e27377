package org.dl4jmortal.probe.listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J training listener that records the activations ({@code <layer>.post} taps) of chosen layers during
 * ordinary training of any {@link MultiLayerNetwork} or {@link ComputationGraph}, and, through
 * {@link #observe(Model, INDArray)}, during evaluation. Arrays are {@code detach()}ed out of DL4J's workspaces and
 * flattened to {@code [batch, width]} before they reach the {@link TapSink}.
 * <p>
 * Layers are named as taps are (DESIGN.md §4): the configured layer name, or the index in a
 * {@code MultiLayerNetwork} where there is none. Limits of DL4J's hook: {@code onForwardPass} fires only while
 * training, in training mode (dropout applies), before the update of that iteration, and a
 * {@code MultiLayerNetwork} does not pass its output layer's activations there; a requested layer that DL4J did not
 * pass is an error naming it. {@code .pre} taps are not available here (DL4J never shows pre-activations to
 * listeners); use {@link org.dl4jmortal.probe.tap.NetworkTappedModel} for those.
 */
public final class TapRecordingListener extends BaseTrainingListener {
    private final List<String> layers;
    private final TapSink sink;

    /**
     * @param layers layer names (or MultiLayerNetwork indices) whose activations to record, at least one
     * @param sink   where the rows go
     * @throws IllegalArgumentException if no layer is given
     */
    public TapRecordingListener(List<String> layers, TapSink sink) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("choose at least one layer to record");
        }
        this.layers = List.copyOf(layers);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    private static List<String> names(MultiLayerNetwork net) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            n.add(org.dl4jmortal.probe.tap.NetworkTappedModel.layerName(net, i));
        }
        return n;
    }

    private static INDArray flat(INDArray a) {
        INDArray d = a.detach();
        if (d.rank() == 2) {
            return d;
        }
        long rows = d.size(0);
        return d.dup('c').reshape('c', rows, d.length() / rows);
    }

    /**
     * Receives a MultiLayerNetwork's activations: element 0 is the input, element {@code i + 1} the output of layer
     * {@code i}.
     *
     * @throws IllegalStateException if a requested layer is not among the activations DL4J passed (names them)
     * @throws IllegalArgumentException if a requested layer does not exist (lists the valid names)
     */
    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        List<String> names = names(net);
        INDArray input = flat(activations.get(0));
        for (String l : layers) {
            int i = names.indexOf(l);
            if (i < 0) {
                throw new IllegalArgumentException("unknown layer '" + l + "'; layers: " + names);
            }
            if (i + 1 >= activations.size()) {
                throw new IllegalStateException("DL4J passed no activations for layer '" + l + "' (a MultiLayerNetwork"
                        + " skips its output layer while training); record it with observe() instead");
            }
            sink.accept(l + ".post", input, flat(activations.get(i + 1)));
        }
    }

    /**
     * Receives a ComputationGraph's activations by vertex name (inputs included).
     *
     * @throws IllegalArgumentException if a requested layer is not among them (lists the names present)
     */
    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        ComputationGraph g = (ComputationGraph) model;
        INDArray input = flat(activations.get(g.getConfiguration().getNetworkInputs().get(0)));
        for (String l : layers) {
            INDArray a = activations.get(l);
            if (a == null) {
                throw new IllegalArgumentException("no activations for layer '" + l + "'; present: "
                        + activations.keySet());
            }
            sink.accept(l + ".post", input, flat(a));
        }
    }

    /**
     * Records the chosen layers for an input outside training (evaluation), in inference mode.
     *
     * @param model a MultiLayerNetwork or a single-input ComputationGraph
     * @param input the input {@code [batch, ...]}
     * @throws IllegalArgumentException if the model is of another kind or a layer is unknown
     */
    public void observe(Model model, INDArray input) {
        if (model instanceof MultiLayerNetwork net) {
            List<INDArray> acts = net.feedForward(input, false);
            onForwardPass(model, acts);
        } else if (model instanceof ComputationGraph g) {
            Map<String, INDArray> acts = new LinkedHashMap<>(g.feedForward(input, false));
            acts.putIfAbsent(g.getConfiguration().getNetworkInputs().get(0), input);
            onForwardPass(model, acts);
        } else {
            throw new IllegalArgumentException("observe() takes a MultiLayerNetwork or ComputationGraph, got "
                    + (model == null ? "null" : model.getClass().getName()));
        }
    }
}
