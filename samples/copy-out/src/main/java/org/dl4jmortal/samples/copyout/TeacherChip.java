package org.dl4jmortal.samples.copyout;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.ChipInfo;
import org.dl4jmortal.analog.conf.AnalogDenseLayer;
import org.dl4jmortal.analog.conf.AnalogOutputLayer;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The mortal network to copy: a chip file, or an MLP trained in place on a pulsed device (its knowledge exists only as
 * device states, DESIGN.md §1), wrapped behind the mortal seal as an {@link AnalogChip}: queries, taps and a clock,
 * no weights.
 */
public final class TeacherChip {
    private TeacherChip() {
    }

    /**
     * @param config the chip file, or the device, widths, epochs and seed of the one to train
     * @param train  training data (used only when no chip file is given)
     * @param log    progress lines
     * @return the chip, its clock set to {@code config.atSeconds()}
     * @throws IOException              if the chip file cannot be read
     * @throws IllegalArgumentException if the chip file is missing or the device has no pulse rule
     */
    public static AnalogChip obtain(CopyOutConfig config, DataSetIterator train, PrintStream log) throws IOException {
        AnalogChip chip;
        if (config.chip() != null) {
            if (!Files.isRegularFile(config.chip())) {
                throw new IllegalArgumentException("--chip " + config.chip() + " is not a file");
            }
            chip = AnalogChip.load(config.chip().toFile());
            log.printf("chip %s: device %s, made by %s%n", config.chip(), chip.info().device(), chip.info().createdBy());
        } else {
            MultiLayerNetwork network = inPlace(config);
            log.printf("training the mortal network in place on %s for %d epoch(s)%n", config.teacherDevice(),
                    config.teacherEpochs());
            network.fit(train, config.teacherEpochs());
            List<String> layers = new ArrayList<>();
            for (int i = 0; i < network.getnLayers(); i++) {
                layers.add(network.getLayer(i).conf().getLayer().getLayerName());
            }
            chip = AnalogChip.wrap(network, new ChipInfo(config.seed(), config.teacherDevice(), Map.of(), layers,
                    List.of(), "copy-out sample: trained in place"));
        }
        chip.setSecondsSinceProgramming(config.atSeconds());
        return chip;
    }

    private static MultiLayerNetwork inPlace(CopyOutConfig c) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(c.seed())
                .dataType(DataType.FLOAT)
                .updater(new Sgd(new ExponentialSchedule(ScheduleType.EPOCH, 0.1, 0.8)))
                .weightInit(WeightInit.XAVIER).list();
        int nIn = 784;
        for (int i = 0; i < c.hidden().size(); i++) {
            list.layer(new AnalogDenseLayer.Builder().name("hidden" + (i + 1)).nIn(nIn).nOut(c.hidden().get(i))
                    .activation(Activation.RELU).device(c.teacherDevice()).seed(KeyedRandom.key(c.seed(), "layer", i))
                    .build());
            nIn = c.hidden().get(i);
        }
        list.layer(new AnalogOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nIn(nIn).nOut(10)
                .activation(Activation.SOFTMAX).device(c.teacherDevice())
                .seed(KeyedRandom.key(c.seed(), "layer", c.hidden().size())).build());
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        return network;
    }
}
