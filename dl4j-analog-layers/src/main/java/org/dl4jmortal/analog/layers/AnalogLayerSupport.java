package org.dl4jmortal.analog.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.dl4jmortal.analog.conf.AnalogSpec;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/** What the dense and the output implementation share: building the crossbar and filling gradients. */
final class AnalogLayerSupport {
    private AnalogLayerSupport() {
    }

    static AnalogCrossbar crossbar(NeuralNetConfiguration conf, int index, AnalogSpec spec, Map<String, INDArray> params) {
        FeedForwardLayer layer = (FeedForwardLayer) conf.getLayer();
        String name = layer.getLayerName() != null ? layer.getLayerName() : String.valueOf(index);
        long seed = spec.seed() != null ? spec.seed() : KeyedRandom.key(conf.getSeed(), "layer", index);
        AnalogCrossbar crossbar = new AnalogCrossbar(name, seed, layer.getNIn(), layer.getNOut(), spec, params);
        GradientNormalization gn = layer.getGradientNormalization();
        if (crossbar.isPulsed() && gn != null && gn != GradientNormalization.None) {
            throw new IllegalArgumentException("layer " + name + ": gradient normalization " + gn
                    + " would rescale the in-place device update of pulsed device '" + spec.deviceName()
                    + "'; use GradientNormalization.None on analog layers");
        }
        return crossbar;
    }

    /**
     * Learning rate of the in-place update: the layer updater's learning rate at this iteration (SGD semantics:
     * the expected device change is {@code -lr * mean_b x_b delta_b}).
     */
    static double learningRate(BaseLayer conf, int iteration, int epoch) {
        IUpdater u = conf.getIUpdater();
        if (u == null || !u.hasLearningRate()) {
            return 0.0;
        }
        double lr = u.getLearningRate(iteration, epoch);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("layer " + conf.getLayerName() + ": learning rate must be finite and"
                    + " >= 0, got " + lr);
        }
        return lr;
    }

    /**
     * Fills the gradient for one backward pass. The digital bias gets {@code sum over the batch of delta} (DL4J
     * divides it by the batch and applies the bias updater). Programmed device state gets zero, so DL4J's step
     * (NoOp updater, no minibatch division) leaves it untouched. Pulsed device state gets "present minus target"
     * (the target comes from the device's pulse rule), the state row gets the update count incremented and the
     * clock reset to zero, so the same step lands on the in-place update (DESIGN.md, DL4J notes).
     *
     * @throws IllegalStateException if delta or the new device state is NaN or infinite (training diverged)
     */
    static Gradient gradient(AnalogCrossbar crossbar, INDArray input, INDArray delta, Map<String, INDArray> params,
                             Map<String, INDArray> gradientViews, double lr, int iteration, int epoch) {
        requireFinite(delta, crossbar, iteration, epoch, "the error signal (delta)");
        InPlaceStates target = null;
        INDArray state = params.get(AnalogParams.STATE);
        if (crossbar.isPulsed()) {
            long updateIndex = (long) state.getDouble(0, AnalogParams.STATE_UPDATE_COUNT);
            target = crossbar.inPlaceUpdateTarget(input, delta, lr, updateIndex);
            requireFinite(target.slow(), crossbar, iteration, epoch, "the device state after the in-place update");
            if (target.fast() != null) {
                requireFinite(target.fast(), crossbar, iteration, epoch,
                        "the fast (Tiki-Taka) device state after the in-place update");
            }
        }
        Gradient g = new DefaultGradient();
        for (Map.Entry<String, INDArray> e : gradientViews.entrySet()) {
            INDArray view = e.getValue();
            switch (e.getKey()) {
                case AnalogParams.BIAS -> delta.sum(view, 0);
                case AnalogParams.W_DEVICE -> view.assign(params.get(AnalogParams.W_DEVICE).sub(target.slow()));
                case AnalogParams.W_FAST -> view.assign(params.get(AnalogParams.W_FAST).sub(target.fast()));
                case AnalogParams.STATE -> {
                    view.assign(0);
                    if (target != null) {
                        view.putScalar(0, AnalogParams.STATE_UPDATE_COUNT, -1.0);
                        view.putScalar(0, AnalogParams.STATE_TIME_HI, state.getDouble(0, AnalogParams.STATE_TIME_HI));
                        view.putScalar(0, AnalogParams.STATE_TIME_LO, state.getDouble(0, AnalogParams.STATE_TIME_LO));
                    }
                }
                default -> view.assign(0);
            }
            g.gradientForVariable().put(e.getKey(), view);
        }
        return g;
    }

    private static void requireFinite(INDArray a, AnalogCrossbar crossbar, int iteration, int epoch, String what) {
        if (!Double.isFinite(a.sumNumber().doubleValue())) {
            throw new IllegalStateException("training diverged at epoch " + epoch + ", iteration " + iteration
                    + ", layer " + crossbar.layerName() + ": " + what + " holds NaN or infinite values."
                    + " Hint: lower the learning rate (or check the inputs); training was stopped instead of"
                    + " carrying on with NaN");
        }
    }

    /**
     * The layer's pre-activation from a crossbar read: a copy in the layer's activations workspace plus the digital
     * bias (the read itself is never modified, so it can be reused by the backward pass).
     */
    static INDArray withBias(INDArray read, Map<String, INDArray> params,
                             java.util.function.Consumer<INDArray> mask,
                             org.deeplearning4j.nn.workspace.LayerWorkspaceMgr workspaceMgr) {
        INDArray z = workspaceMgr.dup(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATIONS, read);
        INDArray b = params.get(AnalogParams.BIAS);
        if (b != null) {
            z.addiRowVector(b.castTo(z.dataType()));
        }
        if (mask != null) {
            mask.accept(z);
        }
        return z;
    }

    /** @return true only for the digital bias: device state must not be divided by the minibatch size */
    static boolean divideByMinibatch(String paramName) {
        return AnalogParams.BIAS.equals(paramName);
    }
}
