package org.dl4jmortal.analog.chip;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.device.DeviceSettings;
import org.dl4jmortal.analog.layers.AnalogCrossbar;
import org.dl4jmortal.analog.layers.AnalogLayer;
import org.dl4jmortal.spi.chip.Programmable;
import org.dl4jmortal.spi.chip.QueryLedger;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.SimulatedTime;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TapPosition;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A simulated analog chip: a DL4J network with analog layers behind the mortal seal (DESIGN.md §2 rule 3). It offers
 * queries with taps ({@link TappedModel}), programming ({@link Programmable}) and a clock ({@link SimulatedTime}),
 * and no way to read exact weights: those are reachable only through the explicitly named
 * {@link #evaluationOracle()}, which copy-out algorithms must never call.
 * <p>
 * Taps: every analog layer offers {@code <layer>.pre} (the periphery's output, drift-compensated and scaled, before
 * the digital bias and activation) and {@code <layer>.post} (its activation); digital layers offer {@code .post}.
 * Not thread-safe for concurrent queries (queries are serialised).
 */
public final class AnalogChip implements TappedModel, Programmable, SimulatedTime {
    private final ChipNetwork network;
    private final ChipInfo info;
    private final QueryLedger ledger = new QueryLedger();
    private final Map<String, AnalogCrossbar> crossbars = new LinkedHashMap<>();
    private final List<TapPoint> taps = new ArrayList<>();
    private long calibrationRowsCounted;

    private AnalogChip(ChipNetwork network, ChipInfo info) {
        this.network = network;
        for (Map.Entry<String, Layer> e : network.layers().entrySet()) {
            Layer l = e.getValue();
            int width = (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) l.conf().getLayer()).getNOut();
            String activation = activationName(l);
            if (l instanceof AnalogLayer a) {
                crossbars.put(e.getKey(), a.crossbar());
                taps.add(new TapPoint(e.getKey(), TapPosition.PRE, width, activation, l.numParams() > 0
                        && l.paramTable().containsKey("b")));
            }
            taps.add(new TapPoint(e.getKey(), TapPosition.POST, width, activation, false));
        }
        if (crossbars.isEmpty()) {
            throw new IllegalArgumentException("the network has no analog layers; convert it first (AnalogConverter)");
        }
        this.info = info;
        this.calibrationRowsCounted = totalCalibrationRows();
    }

    private static String activationName(Layer l) {
        if (l.conf().getLayer() instanceof BaseLayer b && b.getActivationFn() != null) {
            return b.getActivationFn().toString().toLowerCase();
        }
        return "identity";
    }

    /**
     * @param network an initialised network with at least one analog layer
     * @param info    provenance (seed, device, converted and digital layers)
     * @return the chip
     * @throws IllegalArgumentException if the network has no analog layer
     */
    public static AnalogChip wrap(MultiLayerNetwork network, ChipInfo info) {
        return new AnalogChip(new MultiLayerChipNetwork(network), info);
    }

    /**
     * @param graph an initialised single-input, single-output graph with at least one analog layer
     * @param info  provenance
     * @return the chip
     * @throws IllegalArgumentException if the graph has several inputs or outputs, or no analog layer
     */
    public static AnalogChip wrap(ComputationGraph graph, ChipInfo info) {
        return new AnalogChip(new GraphChipNetwork(graph), info);
    }

    /**
     * Loads a simulator image written by {@link #save(File)}; its clock is the saved one.
     *
     * @param file a {@code chip.zip}
     * @return the chip
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the file is not a chip image (says why)
     */
    public static AnalogChip load(File file) throws IOException {
        return ChipImage.read(file);
    }

    /**
     * Writes the simulator image atomically (temporary file, then rename): the DL4J model with all device state in
     * its parameters, plus the chip's provenance.
     *
     * @param file destination, e.g. {@code chip.zip}
     * @throws IOException if it cannot be written
     */
    public void save(File file) throws IOException {
        ChipImage.write(this, file);
    }

    /**
     * A copy of this chip with device or periphery parameters changed (the command line's {@code --set}): the same
     * devices (all state is copied), read through the new settings. Changing a parameter that only matters at
     * programming (programming noise, fault fractions) has no effect until the next programming.
     *
     * @param overrides parameter name to value, merged over each analog layer's present overrides
     * @return the new chip, at the same time since programming; its ledger starts at zero
     * @throws IllegalArgumentException if a name is unknown (listing the known ones), a value out of range, or the
     *                                  overrides switch a pulsed layer's in-place algorithm ({@code tikiTaka}: the
     *                                  fast array is part of the saved chip, so its layout cannot change)
     */
    public AnalogChip reconfigured(java.util.Map<String, Double> overrides) {
        java.util.Map<String, Double> merged = new java.util.LinkedHashMap<>(info.overrides());
        merged.putAll(overrides);
        ChipInfo newInfo = new ChipInfo(info.seed(), info.device(), merged, info.analogLayers(), info.digitalLayers(),
                info.createdBy() + "; reconfigured with " + overrides);
        java.util.function.Consumer<org.deeplearning4j.nn.conf.layers.Layer> apply = l -> {
            if (l instanceof org.dl4jmortal.analog.conf.AnalogLayerConfig a) {
                java.util.Map<String, Double> m = new java.util.LinkedHashMap<>(a.getAnalog().parameterOverrides());
                m.putAll(overrides);
                requireSameAlgorithm(a.getAnalog().deviceName(), a.getAnalog().parameterOverrides(), m);
                org.dl4jmortal.analog.conf.AnalogSpec spec = new org.dl4jmortal.analog.conf.AnalogSpec(
                        a.getAnalog().deviceName(), m, a.getAnalog().seed());
                if (l instanceof org.dl4jmortal.analog.conf.AnalogDenseLayer d) {
                    d.setAnalog(spec);
                } else {
                    ((org.dl4jmortal.analog.conf.AnalogOutputLayer) l).setAnalog(spec);
                }
            }
        };
        if (network.model() instanceof MultiLayerNetwork net) {
            org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
            conf.getConfs().forEach(c -> apply.accept(c.getLayer()));
            MultiLayerNetwork copy = new MultiLayerNetwork(conf);
            copy.init(net.params().dup(), false);
            return wrap(copy, newInfo);
        }
        ComputationGraph graph = (ComputationGraph) network.model();
        org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        conf.getVertices().values().forEach(v -> {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) {
                apply.accept(lv.getLayerConf().getLayer());
            }
        });
        ComputationGraph copy = new ComputationGraph(conf);
        copy.init(graph.params().dup(), false);
        return wrap(copy, newInfo);
    }

    /**
     * @throws IllegalArgumentException if the new overrides switch a pulsed device's in-place algorithm
     */
    private static void requireSameAlgorithm(String device, Map<String, Double> before, Map<String, Double> after) {
        DeviceSettings was = DeviceSettings.resolve(device, before);
        if (was.device().crosspointKind() != CrosspointKind.PULSED) {
            return;
        }
        boolean tikiTaka = was.update().tikiTaka();
        if (DeviceSettings.resolve(device, after).update().tikiTaka() != tikiTaka) {
            throw new IllegalArgumentException("tikiTaka cannot be changed on a saved chip: its '" + device
                    + "' layers were trained " + (tikiTaka ? "by Tiki-Taka and hold a fast array" : "by plain pulsed "
                    + "SGD and hold no fast array") + "; leave tikiTaka out, or train a new chip with --set tikiTaka="
                    + (tikiTaka ? 0 : 1));
        }
    }

    ChipNetwork network() {
        return network;
    }

    /** @return provenance of this chip (seed, device, converted and digital layers) */
    public ChipInfo info() {
        return info;
    }

    /** @return the DL4J model inside (for fitting in place with DL4J's {@code fit()}); its weights stay sealed */
    public Model model() {
        return network.model();
    }

    @Override
    public int inputSize() {
        return network.inputSize();
    }

    @Override
    public int outputSize() {
        return network.outputSize();
    }

    @Override
    public List<TapPoint> taps() {
        return List.copyOf(taps);
    }

    @Override
    public synchronized QueryResult query(INDArray input, Collection<String> tapNames) {
        if (input == null || input.rank() != 2 || input.columns() != inputSize()) {
            throw new IllegalArgumentException("chip input must be [batch, " + inputSize() + "], got "
                    + (input == null ? "null" : java.util.Arrays.toString(input.shape())));
        }
        Set<String> wanted = new LinkedHashSet<>(tapNames);
        for (String t : wanted) {
            tap(t);
        }
        for (AnalogCrossbar c : crossbars.values()) {
            c.setRecordPreOutput(true);
        }
        try {
            Map<String, INDArray> acts = network.activations(input);
            Map<String, INDArray> values = new LinkedHashMap<>();
            long tapValues = 0;
            for (String t : wanted) {
                TapPoint p = tap(t);
                INDArray v = p.position() == TapPosition.PRE ? crossbars.get(p.layerName()).lastPreOutput()
                        : acts.get(p.layerName());
                values.put(t, v.detach());
                tapValues += v.length();
            }
            INDArray output = acts.get(ChipNetwork.OUTPUT).detach();
            long rows = input.rows();
            ledger.recordQuery(rows, rows * wanted.size(), tapValues, 4L * (output.length() + tapValues));
            long cal = totalCalibrationRows();
            ledger.recordCalibration(cal - calibrationRowsCounted);
            calibrationRowsCounted = cal;
            return new QueryResult(output, values);
        } finally {
            for (AnalogCrossbar c : crossbars.values()) {
                c.setRecordPreOutput(false);
            }
        }
    }

    private long totalCalibrationRows() {
        long s = 0;
        for (AnalogCrossbar c : crossbars.values()) {
            s += c.calibrationRows();
        }
        return s;
    }

    @Override
    public QueryLedger ledger() {
        return ledger;
    }

    @Override
    public List<String> programmableLayers() {
        return List.copyOf(crossbars.keySet());
    }

    @Override
    public synchronized void program(String layerName, INDArray weights, INDArray bias) {
        crossbar(layerName).program(weights, bias);
    }

    AnalogCrossbar crossbar(String layerName) {
        AnalogCrossbar c = crossbars.get(layerName);
        if (c == null) {
            throw new IllegalArgumentException("unknown analog layer '" + layerName + "'; analog layers: "
                    + crossbars.keySet());
        }
        return c;
    }

    Map<String, AnalogCrossbar> crossbars() {
        return crossbars;
    }

    @Override
    public double secondsSinceProgramming() {
        return crossbars.values().iterator().next().secondsSinceProgramming();
    }

    @Override
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot advance the clock by a negative duration " + duration);
        }
        double dt = duration.getSeconds() + duration.getNano() * 1e-9;
        for (AnalogCrossbar c : crossbars.values()) {
            c.setSecondsSinceProgramming(c.secondsSinceProgramming() + dt);
        }
    }

    @Override
    public synchronized void setSecondsSinceProgramming(double seconds) {
        for (AnalogCrossbar c : crossbars.values()) {
            c.setSecondsSinceProgramming(seconds);
        }
    }

    /**
     * @param on force global drift compensation on or off on every analog layer, or null to follow each layer's
     *           {@code driftCompensation} parameter
     */
    public synchronized void setDriftCompensation(Boolean on) {
        for (AnalogCrossbar c : crossbars.values()) {
            c.setDriftCompensationOverride(on);
        }
    }

    /**
     * @return the analog layers whose outputs are multiplied by the global drift compensation factor now (after
     *         {@link #setDriftCompensation}), in layer order; empty if none
     */
    public synchronized List<String> driftCompensatedLayers() {
        return crossbars.entrySet().stream().filter(e -> e.getValue().driftCompensation()).map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The evaluation oracle: exact effective weights and the noise-free function, for measuring copies and for
     * simulator checkpoints only. Copy-out algorithms (dl4j-probe, dl4j-distill) must never call it.
     *
     * @return the oracle of this chip
     */
    public EvaluationOracle evaluationOracle() {
        return new EvaluationOracle(this);
    }
}
