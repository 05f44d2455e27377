package org.dl4jmortal.distill.student;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.spi.chip.ChipDesign;
import org.dl4jmortal.spi.chip.LayerDesign;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TapPosition;
import org.dl4jmortal.spi.chip.TappedModel;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A multilayer perceptron student, written {@code mlp:784-256-128-10} (input width, hidden widths, classes): ReLU
 * hidden layers named {@code hidden1}, {@code hidden2}, ... and a softmax output layer named {@code output}, as the
 * demo's network. Digital: He initialisation (He et al., ICCV 2015) for the hidden layers, Xavier for the output, Adam
 * (Kingma &amp; Ba, ICLR 2015), cross entropy as its own loss, FLOAT. Immutable value.
 *
 * @param widths input width, hidden widths, output width; at least two entries, all {@code >= 1}
 */
public record MlpSpec(List<Integer> widths) {
    /** Default Adam learning rate of a digital student. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** @throws IllegalArgumentException if fewer than two widths are given or one is below 1 */
    public MlpSpec {
        widths = List.copyOf(widths);
        if (widths.size() < 2) {
            throw new IllegalArgumentException("an MLP needs an input and an output width, got " + widths);
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("MLP widths must be >= 1, got " + widths);
            }
        }
    }

    /**
     * @param text {@code mlp:784-256-128-10} (the {@code mlp:} prefix may be left out)
     * @return the spec
     * @throws IllegalArgumentException if the text is not of that form (says what is allowed)
     */
    public static MlpSpec parse(String text) {
        String usage = "a student MLP is written mlp:IN-HIDDEN-...-OUT with positive widths, for example "
                + "mlp:784-256-128-10; got '" + text + "'";
        String s = text == null ? "" : text.trim();
        if (s.startsWith("mlp:")) {
            s = s.substring(4);
        }
        List<Integer> w = new ArrayList<>();
        for (String part : s.split("-", -1)) {
            try {
                w.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(usage, e);
            }
        }
        try {
            return new MlpSpec(w);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(usage, e);
        }
    }

    /**
     * The teacher's shape: its input width and the widths of its layers' {@code .post} taps, lowest first.
     *
     * @param teacher the black box
     * @return an MLP of the same widths
     */
    public static MlpSpec like(TappedModel teacher) {
        List<Integer> w = new ArrayList<>();
        w.add(teacher.inputSize());
        for (TapPoint t : teacher.taps()) {
            if (t.position() == TapPosition.POST) {
                w.add(t.width());
            }
        }
        return new MlpSpec(w);
    }

    /** @return the input width */
    public int inputSize() {
        return widths.get(0);
    }

    /** @return the output width */
    public int outputSize() {
        return widths.get(widths.size() - 1);
    }

    /** @return layer names: {@code hidden1}, ..., {@code output} */
    public List<String> layerNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < widths.size() - 1; i++) {
            names.add("hidden" + i);
        }
        names.add("output");
        return names;
    }

    /**
     * @param seed         seed of the weight initialisation
     * @param learningRate Adam learning rate, finite and {@code > 0}, constant
     * @return an initialised digital network, input {@code [batch, in]}, output {@code [batch, out]} probabilities
     * @throws IllegalArgumentException if the learning rate is not a finite positive number
     */
    public MultiLayerNetwork digital(long seed, double learningRate) {
        return digital(seed, learningRate, 1.0);
    }

    /**
     * @param seed         seed of the weight initialisation
     * @param learningRate initial Adam learning rate, finite and {@code > 0}
     * @param decay        learning-rate factor per epoch in {@code (0, 1]} (an epoch-based exponential schedule; the
     *                     epoch count advances with {@code Student.epochDone()}); 1 keeps it constant
     * @return an initialised digital network, input {@code [batch, in]}, output {@code [batch, out]} probabilities
     * @throws IllegalArgumentException if the learning rate is not a finite positive number or the decay is not in
     *                                  {@code (0, 1]}
     */
    public MultiLayerNetwork digital(long seed, double learningRate, double decay) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("student learning rate must be a finite number > 0, got "
                    + learningRate);
        }
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("student learning-rate decay per epoch must lie in (0, 1], got "
                    + decay);
        }
        Adam adam = decay == 1.0 ? new Adam(learningRate)
                : new Adam(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, decay));
        List<String> names = layerNames();
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(adam).weightInit(WeightInit.RELU).list();
        for (int i = 0; i < names.size() - 1; i++) {
            b.layer(new DenseLayer.Builder().name(names.get(i)).nIn(widths.get(i)).nOut(widths.get(i + 1))
                    .activation(Activation.RELU).build());
        }
        int last = widths.size() - 2;
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nIn(widths.get(last))
                .nOut(widths.get(last + 1)).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /**
     * @param device    device model name
     * @param overrides device and periphery overrides
     * @param seed      chip seed
     * @return the design of a chip with these layers (ReLU hidden, softmax output, all with a bias)
     */
    public ChipDesign chipDesign(String device, Map<String, Double> overrides, long seed) {
        List<String> names = layerNames();
        List<LayerDesign> layers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            layers.add(new LayerDesign(names.get(i), widths.get(i), widths.get(i + 1),
                    i < names.size() - 1 ? "relu" : "softmax", true));
        }
        return new ChipDesign(device, overrides, layers, seed);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("mlp:");
        for (int i = 0; i < widths.size(); i++) {
            sb.append(i == 0 ? "" : "-").append(widths.get(i));
        }
        return sb.toString();
    }
}
