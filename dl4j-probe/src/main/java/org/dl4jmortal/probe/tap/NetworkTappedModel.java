package org.dl4jmortal.probe.tap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.spi.chip.QueryLedger;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TapPosition;
import org.dl4jmortal.spi.chip.TappedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes an ordinary, digital DL4J {@link MultiLayerNetwork} or {@link ComputationGraph} a {@link TappedModel}
 * (DESIGN.md §4, "taps work on any DL4J network, noise-free by default").
 * <p>
 * Taps: every layer has a {@code <layer>.post} tap holding its activations exactly as
 * {@code feedForward(input, false)} returns them (inference mode), flattened to {@code [batch, width]} in C order
 * when the layer's output has rank above 2. Layers whose configuration is exactly DL4J's {@link DenseLayer} (without
 * layer normalisation) or {@link OutputLayer}, whose parameters are exactly {@code W [nIn, nOut]} and
 * {@code b [1, nOut]}, and whose input is the unprocessed matrix output of one other node, also have a
 * {@code <layer>.pre} tap: {@code z = x W + b} computed from the layer's current parameters and its input
 * (DL4J's own {@code preOutput} is protected). The bias is therefore already inside {@code .pre}:
 * {@link TapPoint#hasBias()} is false for these taps. Layers are named by their configured name, or by their index
 * in a {@code MultiLayerNetwork} where they have none (see {@link #layerName(MultiLayerNetwork, int)}).
 * <p>
 * Construction runs one all-zero row through the network to learn each layer's output width; that row is not a
 * query of the caller and is not counted in the {@link #ledger()}. Every {@link #query} is: it adds the batch's rows
 * as queries, rows times taps as tap reads, the tap values, and 4 bytes per float32 (8 per float64) value of output
 * and taps handed back.
 * <p>
 * DL4J networks are not thread-safe; queries are serialised on this object.
 */
public final class NetworkTappedModel implements TappedModel {
    private static final String INPUT_NODE = "\u0000input";

    private final Backend backend;
    private final int inputSize;
    private final int outputSize;
    private final List<TapPoint> taps;
    private final Map<String, TapSource> sources;
    private final String description;
    private final QueryLedger ledger = new QueryLedger();

    private NetworkTappedModel(Backend backend, int inputSize, List<LayerInfo> layers, String kind) {
        this.backend = backend;
        this.inputSize = inputSize;
        Map<String, INDArray> probe = backend.forward(Nd4j.zeros(backend.dataType(), 1, inputSize));
        this.outputSize = (int) flatten(probe.get(backend.outputNode())).size(1);
        List<TapPoint> points = new ArrayList<>();
        Map<String, TapSource> src = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (LayerInfo li : layers) {
            if (!names.add(li.name)) {
                throw new IllegalArgumentException("two layers are named '" + li.name + "'; tap names must be unique");
            }
            INDArray act = probe.get(li.node);
            if (act == null) {
                throw new IllegalStateException("feedForward returned no activations for layer " + li.name);
            }
            int width = (int) flatten(act).size(1);
            if (li.preInputNode != null) {
                TapPoint pre = new TapPoint(li.name, TapPosition.PRE, width, li.activation, false);
                points.add(pre);
                src.put(pre.name(), new TapSource(li, TapPosition.PRE));
            }
            TapPoint post = new TapPoint(li.name, TapPosition.POST, width, li.activation, false);
            points.add(post);
            src.put(post.name(), new TapSource(li, TapPosition.POST));
        }
        this.taps = List.copyOf(points);
        this.sources = Collections.unmodifiableMap(src);
        this.description = kind + " " + inputSize + "-" + layers.stream()
                .map(l -> String.valueOf(taps.stream().filter(t -> t.layerName().equals(l.name)).findFirst()
                        .map(TapPoint::width).orElse(0)))
                .reduce((a, b) -> a + "-" + b).orElse("") + " (" + layers.size() + " layers)";
    }

    /**
     * Adapts a network whose first layer is a {@link FeedForwardLayer} without an input preprocessor (its
     * {@code nIn} is the input width).
     *
     * @param network an initialised network
     * @return the adapter
     * @throws IllegalArgumentException if the input width cannot be read from the first layer (use
     *                                  {@link #of(MultiLayerNetwork, int)}) or two layers share a name
     */
    public static NetworkTappedModel of(MultiLayerNetwork network) {
        org.deeplearning4j.nn.conf.layers.Layer first = network.getLayerWiseConfigurations().getConf(0).getLayer();
        if (!(first instanceof FeedForwardLayer ff) || ff.getNIn() <= 0
                || network.getLayerWiseConfigurations().getInputPreProcess(0) != null) {
            throw new IllegalArgumentException("cannot read the input width from the first layer ("
                    + first.getClass().getSimpleName() + "); pass it explicitly with of(network, inputSize)");
        }
        return of(network, (int) ff.getNIn());
    }

    /**
     * @param network   an initialised network
     * @param inputSize values per input row, {@code > 0} (for example 784 for flattened 28 x 28 images)
     * @return the adapter
     * @throws IllegalArgumentException if {@code inputSize <= 0}, the network is not initialised, or two layers
     *                                  share a name
     */
    public static NetworkTappedModel of(MultiLayerNetwork network, int inputSize) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input size must be > 0, got " + inputSize);
        }
        if (network.getLayers() == null) {
            throw new IllegalArgumentException("network is not initialised; call init() first");
        }
        List<LayerInfo> layers = new ArrayList<>();
        int n = network.getnLayers();
        for (int i = 0; i < n; i++) {
            Layer layer = network.getLayer(i);
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            String name = layerName(network, i);
            InputPreProcessor pp = network.getLayerWiseConfigurations().getInputPreProcess(i);
            String inputNode = i == 0 ? INPUT_NODE : "#" + (i - 1);
            String preInput = pp == null && supportsPre(layer) ? inputNode : null;
            layers.add(new LayerInfo(name, "#" + i, layer, activationName(conf), preInput));
        }
        return new NetworkTappedModel(new MlnBackend(network), inputSize, layers, "MultiLayerNetwork");
    }

    /**
     * Adapts a graph with one input and one output whose input feeds a {@link FeedForwardLayer} directly.
     *
     * @param graph an initialised graph
     * @return the adapter
     * @throws IllegalArgumentException if the graph has several inputs or outputs, or the input width cannot be
     *                                  read (use {@link #of(ComputationGraph, int)})
     */
    public static NetworkTappedModel of(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        checkSingleInputOutput(graph);
        String in = conf.getNetworkInputs().get(0);
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().equals(List.of(in)) && conf.getVertices().get(e.getKey()) instanceof LayerVertex lv
                    && lv.getPreProcessor() == null
                    && lv.getLayerConf().getLayer() instanceof FeedForwardLayer ff && ff.getNIn() > 0) {
                return of(graph, (int) ff.getNIn());
            }
        }
        throw new IllegalArgumentException("cannot read the input width of graph input '" + in
                + "' from a feed-forward layer; pass it explicitly with of(graph, inputSize)");
    }

    /**
     * @param graph     an initialised graph with one input and one output
     * @param inputSize values per input row, {@code > 0}
     * @return the adapter; taps follow the graph's topological order
     * @throws IllegalArgumentException if the graph has several inputs or outputs, or {@code inputSize <= 0}
     */
    public static NetworkTappedModel of(ComputationGraph graph, int inputSize) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input size must be > 0, got " + inputSize);
        }
        checkSingleInputOutput(graph);
        if (graph.getVertices() == null) {
            throw new IllegalArgumentException("graph is not initialised; call init() first");
        }
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String in = conf.getNetworkInputs().get(0);
        List<LayerInfo> layers = new ArrayList<>();
        for (int idx : graph.topologicalSortOrder()) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex v = graph.getVertices()[idx];
            if (!v.hasLayer()) {
                continue;
            }
            String name = v.getVertexName();
            Layer layer = v.getLayer();
            List<String> inputs = conf.getVertexInputs().get(name);
            LayerVertex lv = (LayerVertex) conf.getVertices().get(name);
            String preInput = null;
            if (inputs != null && inputs.size() == 1 && lv.getPreProcessor() == null && supportsPre(layer)) {
                preInput = inputs.get(0).equals(in) ? INPUT_NODE : inputs.get(0);
            }
            layers.add(new LayerInfo(name, name, layer, activationName(layer.conf().getLayer()), preInput));
        }
        return new NetworkTappedModel(new GraphBackend(graph), inputSize, layers, "ComputationGraph");
    }

    /**
     * The tap name of a MultiLayerNetwork layer (DESIGN.md §4): its configured name, or its index where it has none.
     * DL4J gives unnamed layers the default name {@code layer<i>}; that default counts as no name.
     *
     * @param network a network
     * @param i       layer index, {@code 0 <= i < getnLayers()}
     * @return the name used in tap names
     */
    public static String layerName(MultiLayerNetwork network, int i) {
        String n = network.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName();
        return n == null || n.isEmpty() || n.equals("layer" + i) ? String.valueOf(i) : n;
    }

    private static void checkSingleInputOutput(ComputationGraph graph) {
        if (graph.getNumInputArrays() != 1 || graph.getNumOutputArrays() != 1) {
            throw new IllegalArgumentException("a TappedModel has one input and one output; this graph has "
                    + graph.getNumInputArrays() + " inputs " + graph.getConfiguration().getNetworkInputs() + " and "
                    + graph.getNumOutputArrays() + " outputs " + graph.getConfiguration().getNetworkOutputs());
        }
    }

    private static boolean supportsPre(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        boolean plain = (conf.getClass() == DenseLayer.class && !((DenseLayer) conf).hasLayerNorm()
                && ((DenseLayer) conf).hasBias())
                || (conf.getClass() == OutputLayer.class && ((OutputLayer) conf).hasBias());
        return plain && layer.paramTable().keySet().equals(Set.of("W", "b"));
    }

    private static String activationName(org.deeplearning4j.nn.conf.layers.Layer conf) {
        Object fn = null;
        if (conf instanceof BaseLayer bl) {
            fn = bl.getActivationFn();
        } else if (conf instanceof ActivationLayer al) {
            fn = al.getActivationFn();
        }
        return fn == null ? "identity" : fn.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static INDArray flatten(INDArray a) {
        if (a.rank() == 2) {
            return a;
        }
        long rows = a.size(0);
        return a.dup('c').reshape('c', rows, a.length() / rows);
    }

    /** @return a one-line description such as {@code MultiLayerNetwork 784-256-128-10 (3 layers)} */
    public String description() {
        return description;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public List<TapPoint> taps() {
        return taps;
    }

    /**
     * {@inheritDoc}
     * <p>
     * The network runs in inference mode; the input is cast to the network's data type. Returned arrays are
     * detached from every workspace and belong to the caller.
     *
     * @throws IllegalArgumentException also if a tap name is requested twice
     */
    @Override
    public synchronized QueryResult query(INDArray input, Collection<String> tapNames) {
        InputChecks.checkInput(input, inputSize);
        List<TapSource> wanted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : tapNames) {
            TapSource s = sources.get(name);
            if (s == null) {
                tap(name); // throws with the list of valid names
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("tap '" + name + "' is requested twice");
            }
            wanted.add(s);
        }
        INDArray x = input.dataType() == backend.dataType() ? input : input.castTo(backend.dataType());
        Map<String, INDArray> acts = backend.forward(x);
        INDArray output = flatten(acts.get(backend.outputNode()));
        Map<String, INDArray> values = new LinkedHashMap<>();
        long rows = input.size(0);
        long tapValues = 0;
        long bytes = output.length() * output.dataType().width();
        for (TapSource s : wanted) {
            INDArray v;
            if (s.position == TapPosition.POST) {
                v = flatten(acts.get(s.layer.node));
            } else {
                INDArray layerInput = s.layer.preInputNode.equals(INPUT_NODE) ? x : acts.get(s.layer.preInputNode);
                INDArray w = s.layer.layer.getParam("W");
                INDArray b = s.layer.layer.getParam("b");
                v = layerInput.castTo(w.dataType()).mmul(w).addiRowVector(b);
            }
            values.put(s.layer.name + "." + s.position.suffix(), v);
            tapValues += v.length();
            bytes += v.length() * v.dataType().width();
        }
        ledger.recordQuery(rows, rows * wanted.size(), tapValues, bytes);
        return new QueryResult(output, values);
    }

    @Override
    public QueryLedger ledger() {
        return ledger;
    }

    @Override
    public String toString() {
        return description;
    }

    private record LayerInfo(String name, String node, Layer layer, String activation, String preInputNode) {
    }

    private record TapSource(LayerInfo layer, TapPosition position) {
    }

    private interface Backend {
        Map<String, INDArray> forward(INDArray input);

        String outputNode();

        org.nd4j.linalg.api.buffer.DataType dataType();
    }

    private static final class MlnBackend implements Backend {
        private final MultiLayerNetwork net;

        MlnBackend(MultiLayerNetwork net) {
            this.net = net;
        }

        @Override
        public Map<String, INDArray> forward(INDArray input) {
            List<INDArray> list = net.feedForward(input, false);
            Map<String, INDArray> m = new LinkedHashMap<>();
            m.put(INPUT_NODE, input);
            for (int i = 1; i < list.size(); i++) {
                m.put("#" + (i - 1), list.get(i));
            }
            return m;
        }

        @Override
        public String outputNode() {
            return "#" + (net.getnLayers() - 1);
        }

        @Override
        public org.nd4j.linalg.api.buffer.DataType dataType() {
            return net.params().dataType();
        }
    }

    private static final class GraphBackend implements Backend {
        private final ComputationGraph graph;

        GraphBackend(ComputationGraph graph) {
            this.graph = graph;
        }

        @Override
        public Map<String, INDArray> forward(INDArray input) {
            Map<String, INDArray> m = new LinkedHashMap<>(graph.feedForward(input, false));
            m.put(INPUT_NODE, input);
            return m;
        }

        @Override
        public String outputNode() {
            return graph.getConfiguration().getNetworkOutputs().get(0);
        }

        @Override
        public org.nd4j.linalg.api.buffer.DataType dataType() {
            return graph.params().dataType();
        }
    }
}
