package org.dl4jmortal.probe.tap;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TappedModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads taps of any {@link TappedModel} through a per-tap {@link TapReadModel} (its own ADC and read noise), on top
 * of what the model itself delivers (DESIGN.md §4: "a tap may add its own read model"). The model's
 * {@link TappedModel#ledger() ledger} counts every query as usual; the read model adds no queries.
 * <p>
 * Noise keys depend on the seed, the tap and each row's position in the source data ({@code firstRow + i}), so
 * reading the same rows in other batches gives the same values. Not thread-safe beyond what the model allows.
 */
public final class TapReader {
    private final TappedModel model;
    private final Map<String, TapReadModel> readModels;
    private final long seed;

    /**
     * @param model      the model to query
     * @param readModels tap name to read model; taps not listed are read with {@link TapReadModel#OFF}
     * @param seed       seed of the read noise
     * @throws IllegalArgumentException if a key of {@code readModels} is not a tap of the model (lists the valid
     *                                  ones)
     */
    public TapReader(TappedModel model, Map<String, TapReadModel> readModels, long seed) {
        this.model = model;
        for (String name : readModels.keySet()) {
            model.tap(name);
        }
        this.readModels = Map.copyOf(readModels);
        this.seed = seed;
    }

    /** @return the model read */
    public TappedModel model() {
        return model;
    }

    /**
     * @param tapName a tap of the model
     * @return its read model, {@link TapReadModel#OFF} if none was given
     */
    public TapReadModel readModel(String tapName) {
        return readModels.getOrDefault(tapName, TapReadModel.OFF);
    }

    /**
     * Queries the model and applies each tap's read model.
     *
     * @param input    {@code [batch, inputSize]}
     * @param tapNames taps to read
     * @param firstRow position of {@code input}'s first row in the source data, {@code >= 0} (noise key)
     * @return the model's output (unchanged) and the read tap values {@code [batch, width]}
     * @throws IllegalArgumentException as {@link TappedModel#query}, or if {@code firstRow < 0}
     */
    public QueryResult read(INDArray input, Collection<String> tapNames, long firstRow) {
        if (firstRow < 0) {
            throw new IllegalArgumentException("first row must be >= 0, got " + firstRow);
        }
        QueryResult raw = model.query(input, List.copyOf(tapNames));
        Map<String, INDArray> read = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : raw.taps().entrySet()) {
            read.put(e.getKey(), readModel(e.getKey()).apply(e.getValue(), seed, e.getKey(), firstRow));
        }
        return new QueryResult(raw.output(), read);
    }
}
