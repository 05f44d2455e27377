package org.dl4jmortal.samples.copyout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.probe.reconstruct.ReconstructedNetworks;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.Reconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.dl4jmortal.spi.reconstruct.WeightReconstructor;

/**
 * Weight reconstruction (DESIGN.md §4): a reconstructor plugin, by name ({@code least-squares} by default), probes the
 * chip through its input and taps, layer by layer from the lowest tap upward, and returns the weights; they become an
 * ordinary DL4J network ({@link ReconstructedNetworks#toNetwork}). The chip is never asked for its weights. Immutable.
 */
public final class ReconstructionCopy implements CopyMethod {
    private final String method;
    private final long budget;

    /**
     * @param method registered reconstructor ({@code least-squares}, {@code finite-difference})
     * @param budget most queries, {@code >= 0} (0 = the method's default)
     */
    public ReconstructionCopy(String method, long budget) {
        this.method = method;
        this.budget = budget;
    }

    @Override
    public String name() {
        return "reconstruction (" + method + ")";
    }

    /**
     * {@inheritDoc}
     *
     * @throws org.dl4jmortal.spi.plugin.PluginException if the method is not installed (lists those that are)
     */
    @Override
    public CopyResult copy(AnalogChip chip, CopyOutData data, long seed) {
        WeightReconstructor reconstructor = MortalRegistry.global().get(PluginKind.RECONSTRUCTOR, method);
        long start = System.nanoTime();
        Reconstruction r = reconstructor.reconstruct(chip, ReconstructionRequest.builder().budget(budget).seed(seed)
                .build());
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerReconstruction l : r.layers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", l.layerName());
            row.put("estimated_rel_error", finite(l.estimatedRelError()));
            row.put("queries", l.queries());
            row.put("dead_units", l.deadUnits().length);
            layers.add(row);
        }
        return new CopyResult(name(), ReconstructedNetworks.toNetwork(r), r.queries(), seconds,
                Map.of("method", method, "layers", layers));
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : "n/a";
    }
}
