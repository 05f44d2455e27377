package org.dl4jmortal.analog.chip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.dl4jmortal.spi.chip.ChipDesign;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.chip.LayerDesign;
import org.dl4jmortal.spi.chip.ProgrammableChip;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Chip factory {@value #NAME}: builds fresh simulated chips from a {@link ChipDesign} as a {@link MultiLayerNetwork}
 * of {@link AnalogDenseLayer}s and a final {@link AnalogOutputLayer} (cross entropy for a softmax output, mean squared
 * error otherwise), FLOAT, on any registered device model. Layer {@code i} gets the seed
 * {@code KeyedRandom.key(design.seed(), "layer", i)} (as {@link AnalogConverter} does), initial targets drawn with
 * Xavier initialisation from the design seed and programmed through the device (so a fresh chip already carries its
 * own programming noise); the in-place optimiser is SGD (DESIGN.md §3, pulsed updates). Hidden layers always have a
 * digital bias.
 */
public final class SimulatedChipFactory implements ChipFactory {
    /** Registered name. */
    public static final String NAME = "simulated";

    /** Public no-argument constructor for the plugin registry. */
    public SimulatedChipFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "simulated analog chips (dl4j-analog-layers) of any registered device model, fully connected layers";
    }

    @Override
    public Set<String> devices() {
        return MortalRegistry.global().names(PluginKind.DEVICE);
    }

    @Override
    public ProgrammableChip create(ChipDesign design) {
        Set<String> devices = devices();
        if (!devices.contains(design.device())) {
            throw new IllegalArgumentException("unknown device '" + design.device() + "'; the simulated chip factory"
                    + " builds chips of " + devices);
        }
        List<LayerDesign> layers = design.layers();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(design.seed())
                .dataType(DataType.FLOAT).updater(new Sgd(0.01)).weightInit(WeightInit.XAVIER).list();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerDesign l = layers.get(i);
            Activation activation = activation(l);
            long layerSeed = KeyedRandom.key(design.seed(), "layer", i);
            if (i < layers.size() - 1) {
                if (!l.hasBias()) {
                    throw new IllegalArgumentException("layer " + l.name() + ": hidden layers of simulated chips always"
                            + " have a digital bias; design it with hasBias = true");
                }
                list.layer(new AnalogDenseLayer.Builder().name(l.name()).nIn(l.nIn()).nOut(l.nOut())
                        .activation(activation).device(design.device()).parameters(design.overrides())
                        .seed(layerSeed).build());
            } else {
                LossFunctions.LossFunction loss = activation == Activation.SOFTMAX
                        ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.MSE;
                list.layer(new AnalogOutputLayer.Builder(loss).name(l.name()).nIn(l.nIn()).nOut(l.nOut())
                        .activation(activation).hasBias(l.hasBias()).device(design.device())
                        .parameters(design.overrides()).seed(layerSeed).build());
            }
            names.add(l.name());
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        ChipInfo info = new ChipInfo(design.seed(), design.device(), design.overrides(), names, List.of(),
                "chip factory '" + NAME + "'");
        return new FactoryChip(AnalogChip.wrap(network, info));
    }

    private static Activation activation(LayerDesign l) {
        try {
            return Activation.valueOf(l.activation().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + l.name() + ": unknown activation '" + l.activation()
                    + "'; supported: " + Arrays.stream(Activation.values()).map(a -> a.name().toLowerCase(Locale.ROOT))
                    .toList(), e);
        }
    }
}
