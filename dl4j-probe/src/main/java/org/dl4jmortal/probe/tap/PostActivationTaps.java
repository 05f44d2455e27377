package org.dl4jmortal.probe.tap;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.dl4jmortal.spi.chip.ForwardingTappedModel;
import org.dl4jmortal.spi.chip.QueryResult;
import org.dl4jmortal.spi.chip.TapPoint;
import org.dl4jmortal.spi.chip.TapPosition;
import org.dl4jmortal.spi.chip.TappedModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A view of a {@link TappedModel} that offers only its {@code .post} taps: a chip read only after its activations
 * (DESIGN.md §4, issue 6 "a chip with {@code .post} taps only"). Queries go to the model and are counted in its
 * ledger; asking for a hidden {@code .pre} tap is an error naming the taps offered.
 */
public final class PostActivationTaps extends ForwardingTappedModel {
    private final List<TapPoint> taps;

    private PostActivationTaps(TappedModel model) {
        super(model);
        this.taps = model.taps().stream().filter(t -> t.position() == TapPosition.POST).toList();
    }

    /**
     * @param model any tapped model
     * @return the view offering only its {@code .post} taps
     * @throws NullPointerException if {@code model} is null
     */
    public static TappedModel of(TappedModel model) {
        return new PostActivationTaps(Objects.requireNonNull(model, "model"));
    }

    @Override
    public List<TapPoint> taps() {
        return taps;
    }

    /**
     * @throws IllegalArgumentException if a tap is not offered by this view (a {@code .pre} tap), listing the valid
     *                                  ones, or as the model's query
     */
    @Override
    public QueryResult query(INDArray input, Collection<String> tapNames) {
        for (String t : tapNames) {
            tap(t);
        }
        return super.query(input, tapNames);
    }
}
