package org.dl4jmortal.probe.reconstruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TapPosition;
import org.dl4jmortal.spi.chip.TappedModel;

/**
 * Which taps a reconstructor reads for one layer (layer peeling, DESIGN.md §4): the layer's input is the network
 * input (first layer) or the lower layer's {@code .post} tap read in the same query, which is exactly the input the
 * layer received in that pass; its output is the {@code .pre} tap when the model has one (the layer is then linear,
 * without bias, and the bias comes from the {@code .post} tap), else the {@code .post} tap with the activation
 * inverted (the bias is then a regression intercept).
 *
 * @param index      layer index, 0 = lowest
 * @param layerName  the layer's name
 * @param nIn        inputs of the layer
 * @param nOut       units of the layer
 * @param activation DL4J activation name
 * @param hasBias    whether a bias is added after the {@code .pre} tap
 * @param inputTap   the lower layer's {@code .post} tap name, or null for the network input
 * @param preTap     the layer's {@code .pre} tap name, or null if the model has none
 * @param postTap    the layer's {@code .post} tap name, or null if only the network output serves (last layer)
 * @param last       whether this is the top layer (its {@code .post} is the network output)
 */
public record LayerPlan(int index, String layerName, int nIn, int nOut, String activation, boolean hasBias,
                        String inputTap, String preTap, String postTap, boolean last) {

    /** @return true if the layer is read through its {@code .pre} tap */
    public boolean usesPre() {
        return preTap != null;
    }

    /**
     * Plans every layer of a model from its tap list.
     *
     * @param model the model
     * @return the plans, lowest layer first
     * @throws IllegalArgumentException if a layer above the first offers no {@code .post} tap below it (names the
     *                                  missing tap), or a layer has neither {@code .pre} nor an invertible
     *                                  {@code .post} activation
     */
    public static List<LayerPlan> plan(TappedModel model) {
        Map<String, TapPoint[]> byLayer = new LinkedHashMap<>();
        for (TapPoint t : model.taps()) {
            TapPoint[] pair = byLayer.computeIfAbsent(t.layerName(), k -> new TapPoint[2]);
            pair[t.position() == TapPosition.PRE ? 0 : 1] = t;
        }
        if (byLayer.isEmpty()) {
            throw new IllegalArgumentException("the model offers no taps; weight reconstruction needs a .pre or .post "
                    + "tap per layer (layer peeling)");
        }
        List<LayerPlan> plans = new ArrayList<>();
        List<String> names = new ArrayList<>(byLayer.keySet());
        int nIn = model.inputSize();
        for (int i = 0; i < names.size(); i++) {
            TapPoint pre = byLayer.get(names.get(i))[0];
            TapPoint post = byLayer.get(names.get(i))[1];
            TapPoint any = pre != null ? pre : post;
            boolean last = i == names.size() - 1;
            String inputTap = null;
            if (i > 0) {
                TapPoint below = byLayer.get(names.get(i - 1))[1];
                if (below == null) {
                    throw new IllegalArgumentException("layer '" + names.get(i) + "' cannot be peeled: the model has no"
                            + " tap '" + names.get(i - 1) + ".post' (the input of this layer); taps offered: "
                            + model.taps().stream().map(TapPoint::name).toList());
                }
                inputTap = below.name();
            }
            if (pre == null && !ActivationInversion.supported(any.activation())) {
                throw new IllegalArgumentException("layer '" + names.get(i) + "' has no tap '" + names.get(i)
                        + ".pre' and its activation '" + any.activation() + "' cannot be inverted; supported after"
                        + " .post: identity, relu, tanh, sigmoid, softmax");
            }
            if (pre == null && post == null && !last) {
                throw new IllegalArgumentException("layer '" + names.get(i) + "' has no tap");
            }
            plans.add(new LayerPlan(i, names.get(i), nIn, any.width(), any.activation(), pre != null && pre.hasBias(),
                    inputTap, pre == null ? null : pre.name(), post == null ? null : post.name(), last));
            nIn = any.width();
        }
        if (nIn != model.outputSize()) {
            throw new IllegalArgumentException("the top tap has width " + nIn + " but the model has "
                    + model.outputSize() + " outputs; the taps do not describe a chain of layers");
        }
        return plans;
    }

    /** @return the tap names a query must read for this layer */
    public List<String> tapsToRead() {
        List<String> t = new ArrayList<>();
        if (inputTap != null) {
            t.add(inputTap);
        }
        if (preTap != null) {
            t.add(preTap);
        }
        if (postTap != null) {
            t.add(postTap);
        }
        return t;
    }
}
