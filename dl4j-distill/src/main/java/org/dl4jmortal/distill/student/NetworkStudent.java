package org.dl4jmortal.distill.student;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.spi.distill.HintTarget;
import org.dl4jmortal.spi.distill.OutputLossFunction;
import org.dl4jmortal.spi.distill.Student;
import org.dl4jmortal.spi.distill.TrainingBatch;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J network as a {@link Student}: a {@code MultiLayerNetwork} or a single-input, single-output
 * {@code ComputationGraph} whose output layer is a DL4J output layer with a softmax activation. Its layers may be digital
 * or analog (an analog network trains in place inside ordinary {@code fit()}); the student trains with its own updater.
 * <p>
 * Output-only steps install the distillation loss on the output layer ({@link OutputLossFunction}) for one
 * {@code fit()} and put the network's own loss back, so between steps the network is exactly the model the caller
 * gave (and saves as an ordinary DL4J model). Steps with hints go through a {@link HintGraph} built on the first such
 * step. Every layer except the output layer can take a hint.
 */
public final class NetworkStudent implements Student {
    private final StudentNetwork network;
    private HintGraph hintGraph;

    private NetworkStudent(StudentNetwork network) {
        this.network = network;
        Layer out = network.layers().get(network.outputLayerName());
        if (!(out.conf().getLayer() instanceof BaseOutputLayer o) || !(o.getActivationFn() instanceof ActivationSoftmax)) {
            throw new IllegalArgumentException("the student's last layer '" + network.outputLayerName()
                    + "' must be an output layer with a softmax activation (distillation trains its logits), got "
                    + out.conf().getLayer().getClass().getSimpleName());
        }
    }

    /**
     * @param network an initialised network whose last layer is an output layer with softmax
     * @return the student (training changes {@code network} in place)
     * @throws IllegalArgumentException if the last layer is not such an output layer
     */
    public static NetworkStudent of(MultiLayerNetwork network) {
        return new NetworkStudent(new MultiLayerStudentNetwork(network));
    }

    /**
     * @param graph an initialised single-input, single-output graph whose output layer has softmax
     * @return the student
     * @throws IllegalArgumentException if the graph has several inputs or outputs, or its output is not such a layer
     */
    public static NetworkStudent of(ComputationGraph graph) {
        return new NetworkStudent(new GraphStudentNetwork(graph));
    }

    /** @return the DL4J model being trained */
    public Model model() {
        return network.model();
    }

    @Override
    public int inputSize() {
        return network.inputSize();
    }

    @Override
    public int outputSize() {
        return (int) ((FeedForwardLayer) network.layers().get(network.outputLayerName()).conf().getLayer()).getNOut();
    }

    @Override
    public Map<String, Integer> hintLayers() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Map.Entry<String, Layer> e : network.layers().entrySet()) {
            if (!e.getKey().equals(network.outputLayerName())
                    && e.getValue().conf().getLayer() instanceof FeedForwardLayer f) {
                m.put(e.getKey(), (int) f.getNOut());
            }
        }
        return m;
    }

    @Override
    public INDArray output(INDArray input) {
        return network.output(input);
    }

    @Override
    public double fit(TrainingBatch batch) {
        int width = batch.loss().targetWidth(outputSize());
        if (batch.input().columns() != inputSize() || batch.targets().columns() != width) {
            throw new IllegalArgumentException("a minibatch for this student needs input [batch, " + inputSize()
                    + "] and targets [batch, " + width + "], got " + java.util.Arrays.toString(batch.input().shape())
                    + " and " + java.util.Arrays.toString(batch.targets().shape()));
        }
        if (batch.hints().isEmpty()) {
            BaseOutputLayer out = (BaseOutputLayer) network.layers().get(network.outputLayerName()).conf().getLayer();
            ILossFunction own = out.getLossFn();
            out.setLossFn(new OutputLossFunction(batch.loss()));
            try {
                return network.fit(batch.input(), batch.targets());
            } finally {
                out.setLossFn(own);
            }
        }
        return hintGraph(batch.hints()).fit(batch.input(), batch.targets(), batch.loss(), batch.hints());
    }

    private HintGraph hintGraph(List<HintTarget> hints) {
        Map<String, Integer> layers = hintLayers();
        List<String> wanted = new ArrayList<>();
        for (HintTarget h : hints) {
            if (!layers.containsKey(h.studentLayer())) {
                throw new IllegalArgumentException("hint " + h.studentLayer() + "=" + h.teacherTap() + ": the student"
                        + " has no layer '" + h.studentLayer() + "' that can take a hint; layers that can: "
                        + layers.keySet());
            }
            wanted.add(h.studentLayer());
        }
        if (hintGraph == null || !hintGraph.guided().equals(wanted)) {
            Map<String, Integer> widths = new LinkedHashMap<>();
            Map<String, Double> weights = new LinkedHashMap<>();
            for (HintTarget h : hints) {
                if (widths.put(h.studentLayer(), (int) h.values().columns()) != null) {
                    throw new IllegalArgumentException("student layer '" + h.studentLayer() + "' is guided by two"
                            + " hints; give each layer at most one");
                }
                weights.put(h.studentLayer(), h.weight());
            }
            hintGraph = HintGraph.build(network, widths, weights);
        }
        return hintGraph;
    }

    /** @return guided layer to adapter parameter count (empty before the first hinted step) */
    public Map<String, Long> hintAdapters() {
        return hintGraph == null ? Map.of() : hintGraph.adapters();
    }

    @Override
    public void epochDone() {
        network.incrementEpochCount();
        if (hintGraph != null) {
            hintGraph.incrementEpochCount();
        }
    }

    @Override
    public String description() {
        StringBuilder widths = new StringBuilder().append(inputSize());
        for (Layer l : network.layers().values()) {
            if (l.conf().getLayer() instanceof FeedForwardLayer f) {
                widths.append('-').append(f.getNOut());
            }
        }
        BaseLayer out = (BaseLayer) network.layers().get(network.outputLayerName()).conf().getLayer();
        return network.model().getClass().getSimpleName() + " " + widths + ", " + updater(out.getIUpdater());
    }

    private static String updater(org.nd4j.linalg.learning.config.IUpdater u) {
        if (u instanceof org.nd4j.linalg.learning.config.Adam a) {
            return "Adam, learning rate " + (a.getLearningRateSchedule() != null ? a.getLearningRateSchedule()
                    : String.valueOf(a.getLearningRate()));
        }
        return "updater " + u;
    }
}
