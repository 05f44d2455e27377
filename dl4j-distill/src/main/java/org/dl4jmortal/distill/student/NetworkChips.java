package org.dl4jmortal.distill.student;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.dl4jmortal.spi.chip.ChipDesign;
import org.dl4jmortal.spi.chip.LayerDesign;
import org.dl4jmortal.spi.chip.Programmable;

/**
 * A digital network as a chip (DESIGN.md §4 "a fleet: distil once into a digital network, then program N chips from
 * it"): the chip design with the network's layers, and the programming of its readable weights through
 * {@link Programmable}. Only {@code DenseLayer}s followed by one {@code OutputLayer} are programmable.
 */
public final class NetworkChips {
    private NetworkChips() {
    }

    /**
     * @param network   a digital MLP: {@code DenseLayer}s then an {@code OutputLayer}
     * @param device    device model name
     * @param overrides device and periphery overrides
     * @param seed      chip seed
     * @return the design (names, widths, activations and bias flags of the network's layers)
     * @throws IllegalArgumentException if a layer is neither a dense nor the final output layer (names it)
     */
    public static ChipDesign design(MultiLayerNetwork network, String device, Map<String, Double> overrides,
                                    long seed) {
        List<LayerDesign> layers = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer c = network.getLayer(i).conf().getLayer();
            boolean last = i == network.getnLayers() - 1;
            if (!(c instanceof DenseLayer) && !(last && c instanceof OutputLayer)) {
                throw new IllegalArgumentException("layer " + name(network, i) + " is a " + c.getClass().getSimpleName()
                        + "; a chip can be programmed only from DenseLayers followed by an OutputLayer");
            }
            BaseLayer b = (BaseLayer) c;
            boolean hasBias = !(c instanceof BaseOutputLayer o) || o.hasBias();
            layers.add(new LayerDesign(name(network, i), (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) c)
                    .getNIn(), (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) c).getNOut(),
                    b.getActivationFn().toString().toLowerCase(java.util.Locale.ROOT), hasBias));
        }
        return new ChipDesign(device, overrides, layers, seed);
    }

    /**
     * Writes every layer's weights {@code [nIn, nOut]} and bias into the chip, lowest layer first.
     *
     * @param network the digital network whose weights are written
     * @param chip    a chip built from {@link #design} of this network
     * @throws IllegalArgumentException if the chip lacks one of the network's layers (lists its layers)
     */
    public static void program(MultiLayerNetwork network, Programmable chip) {
        List<String> programmable = chip.programmableLayers();
        for (int i = 0; i < network.getnLayers(); i++) {
            String n = name(network, i);
            if (!programmable.contains(n)) {
                throw new IllegalArgumentException("the chip has no programmable layer '" + n + "'; it has "
                        + programmable);
            }
            Layer l = network.getLayer(i);
            chip.program(n, l.getParam(DefaultParamInitializer.WEIGHT_KEY),
                    l.paramTable().get(DefaultParamInitializer.BIAS_KEY));
        }
    }

    private static String name(MultiLayerNetwork network, int i) {
        String n = network.getLayer(i).conf().getLayer().getLayerName();
        return n == null ? String.valueOf(i) : n;
    }
}
