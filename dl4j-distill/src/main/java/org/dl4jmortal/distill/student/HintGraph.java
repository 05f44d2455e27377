package org.dl4jmortal.distill.student;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jmortal.spi.distill.HintTarget;
import org.dl4jmortal.spi.distill.OutputLoss;
import org.dl4jmortal.spi.distill.OutputLossFunction;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The training graph of hint distillation (Romero et al., FitNets, ICLR 2015; DESIGN.md §4 DL4J notes: a
 * {@code ComputationGraph} with several outputs trained on a {@code MultiDataSet} whose extra labels are teacher taps):
 * the student's layers under their own names, its output layer trained on the distillation loss, and one head per
 * hint on a guided student layer. Where the guided layer's width differs from the teacher tap's, the head is a learned
 * linear adapter (FitNets' regressor: a dense identity layer, Xavier initialisation, the student output layer's
 * updater) trained with mean squared error; where the widths agree it is a parameter-free MSE loss layer. Each head's
 * MSE is {@code weight * mean_j (h_j - t_j)^2} per row (DL4J's {@code LossMSE} with per-column weights).
 * <p>
 * The student's parameters are copied in when the graph is built and copied back after every step, so the student is
 * always current; the adapters and the optimiser state live only here.
 */
final class HintGraph {
    private static final String HEAD_PREFIX = "hint-head-";

    private final StudentNetwork student;
    private final ComputationGraph graph;
    private final List<String> guided;

    private HintGraph(StudentNetwork student, ComputationGraph graph, List<String> guided) {
        this.student = student;
        this.graph = graph;
        this.guided = guided;
    }

    /**
     * @param student the student
     * @param hints   one entry per hint: guided student layer to the teacher tap's width (insertion order)
     * @param weights the MSE weight of each hint, same keys
     * @return the graph with the student's present parameters
     */
    static HintGraph build(StudentNetwork student, Map<String, Integer> hints, Map<String, Double> weights) {
        ComputationGraphConfiguration.GraphBuilder b = student.graphBuilder();
        Layer outputLayer = student.layers().get(student.outputLayerName());
        BaseLayer outputConf = (BaseLayer) outputLayer.conf().getLayer();
        List<String> outputs = new ArrayList<>();
        outputs.add(student.outputLayerName());
        for (Map.Entry<String, Integer> h : hints.entrySet()) {
            String layer = h.getKey();
            int studentWidth = (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
                    student.layers().get(layer).conf().getLayer()).getNOut();
            int tapWidth = h.getValue();
            INDArray w = Nd4j.valueArrayOf(new long[] {1, tapWidth}, weights.get(layer));
            String head = HEAD_PREFIX + layer;
            if (studentWidth == tapWidth) {
                b.addLayer(head, new LossLayer.Builder(new LossMSE(w)).activation(Activation.IDENTITY).build(), layer);
            } else {
                b.addLayer(head, new OutputLayer.Builder(new LossMSE(w)).nIn(studentWidth).nOut(tapWidth)
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER)
                        .updater(outputConf.getIUpdater().clone()).build(), layer);
            }
            outputs.add(head);
        }
        b.setOutputs(outputs.toArray(new String[0]));
        ComputationGraph graph = new ComputationGraph(b.build());
        graph.init();
        for (Map.Entry<String, Layer> e : student.layers().entrySet()) {
            if (e.getValue().numParams() > 0) {
                graph.getLayer(e.getKey()).setParams(e.getValue().params().dup());
            }
        }
        return new HintGraph(student, graph, new ArrayList<>(hints.keySet()));
    }

    /** @return the guided student layers, in head order */
    List<String> guided() {
        return guided;
    }

    /**
     * One step on the output loss and the hints, then copies the student's layers back.
     *
     * @param input   {@code [batch, nIn]}
     * @param targets output targets for {@code loss}
     * @param loss    the output loss
     * @param hints   one hint per guided layer, in {@link #guided()} order
     * @return the graph's score (output loss plus weighted hint MSEs), mean over the batch
     */
    double fit(INDArray input, INDArray targets, OutputLoss loss, List<HintTarget> hints) {
        BaseOutputLayer out = (BaseOutputLayer) graph.getLayer(student.outputLayerName()).conf().getLayer();
        out.setLossFn(new OutputLossFunction(loss));
        INDArray[] labels = new INDArray[1 + hints.size()];
        labels[0] = targets;
        for (int i = 0; i < hints.size(); i++) {
            labels[i + 1] = hints.get(i).values();
        }
        graph.fit(new MultiDataSet(new INDArray[] {input}, labels));
        double score = graph.score();
        for (Map.Entry<String, Layer> e : student.layers().entrySet()) {
            if (e.getValue().numParams() > 0) {
                e.getValue().setParams(graph.getLayer(e.getKey()).params());
            }
        }
        return score;
    }

    /** Counts one epoch in the training graph. */
    void incrementEpochCount() {
        graph.incrementEpochCount();
    }

    /** @return head name to its parameter count (0 for a loss layer without adapter), for reports */
    Map<String, Long> adapters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String g : guided) {
            m.put(g, graph.getLayer(HEAD_PREFIX + g).numParams());
        }
        return m;
    }
}
