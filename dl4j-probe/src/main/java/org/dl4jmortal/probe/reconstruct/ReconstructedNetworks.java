package org.dl4jmortal.probe.reconstruct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.dl4jmortal.spi.chip.Programmable;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.Reconstruction;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Turns a {@link Reconstruction} into an ordinary DL4J network, programs it into chips and measures its error
 * against known weights (evaluation runs only).
 */
public final class ReconstructedNetworks {
    private ReconstructedNetworks() {
    }

    /**
     * @param r a reconstruction of a feed-forward chain
     * @return an initialised FLOAT {@code MultiLayerNetwork}: a {@code DenseLayer} per hidden layer and an
     * {@code OutputLayer} on top (MCXENT for softmax, MSE otherwise), named as the reconstructed layers, with the
     * reconstructed weights {@code [nIn, nOut]} and biases
     * @throws IllegalArgumentException if an activation is unknown to DL4J
     */
    public static MultiLayerNetwork toNetwork(Reconstruction r) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        List<LayerReconstruction> layers = r.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerReconstruction l = layers.get(i);
            Activation a = activation(l.activation());
            if (i == layers.size() - 1) {
                LossFunctions.LossFunction loss = a == Activation.SOFTMAX ? LossFunctions.LossFunction.MCXENT
                        : LossFunctions.LossFunction.MSE;
                list.layer(new OutputLayer.Builder(loss).name(l.layerName()).nIn(l.nIn()).nOut(l.nOut())
                        .activation(a).build());
            } else {
                list.layer(new DenseLayer.Builder().name(l.layerName()).nIn(l.nIn()).nOut(l.nOut()).activation(a).build());
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        for (int i = 0; i < layers.size(); i++) {
            net.getLayer(i).setParam(DefaultParamInitializer.WEIGHT_KEY, layers.get(i).weights().castTo(DataType.FLOAT));
            net.getLayer(i).setParam(DefaultParamInitializer.BIAS_KEY,
                    layers.get(i).bias().castTo(DataType.FLOAT).reshape(1, layers.get(i).nOut()));
        }
        return net;
    }

    private static Activation activation(String name) {
        for (Activation a : Activation.values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' in a reconstruction");
    }

    /**
     * Programs every reconstructed layer that the target accepts (the clone path of DESIGN.md §4).
     *
     * @param r      the reconstruction
     * @param target a fresh chip
     * @return the names of the layers programmed
     */
    public static List<String> programInto(Reconstruction r, Programmable target) {
        List<String> done = new java.util.ArrayList<>();
        for (LayerReconstruction l : r.layers()) {
            if (target.programmableLayers().contains(l.layerName())) {
                target.program(l.layerName(), l.weights(), l.bias());
                done.add(l.layerName());
            }
        }
        return done;
    }

    /**
     * The relative error {@code ||W_hat - W||_F / ||W||_F} per layer (weights only; the digital bias is not included),
     * leaving out the columns of the layer's dead units and the rows of the dead units below it; a layer read through
     * softmax outputs only is compared after centring both matrices per input row (the zero-mean convention).
     *
     * @param r     the reconstruction
     * @param truth layer name to true effective weights {@code [nIn, nOut]} (from an evaluation oracle)
     * @return layer name to relative error, for the layers present in {@code truth}
     */
    public static Map<String, Double> relativeErrors(Reconstruction r, Map<String, INDArray> truth) {
        Map<String, Double> out = new LinkedHashMap<>();
        int[] deadBelow = new int[0];
        for (LayerReconstruction l : r.layers()) {
            INDArray t = truth.get(l.layerName());
            if (t != null) {
                INDArray w = l.weights().castTo(DataType.DOUBLE).dup();
                INDArray tw = t.castTo(DataType.DOUBLE).dup();
                if (l.outputsOnly()) {
                    w.subiColumnVector(w.mean(true, 1));
                    tw.subiColumnVector(tw.mean(true, 1));
                }
                for (int row : deadBelow) {
                    w.getRow(row).assign(0);
                    tw.getRow(row).assign(0);
                }
                for (int col : l.deadUnits()) {
                    w.getColumn(col).assign(0);
                    tw.getColumn(col).assign(0);
                }
                out.put(l.layerName(), w.sub(tw).norm2Number().doubleValue() / tw.norm2Number().doubleValue());
            }
            deadBelow = l.deadUnits();
        }
        return out;
    }
}
