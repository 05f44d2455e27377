package org.dl4jmortal.spi.chip;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link TappedModel} that forwards every call to another one; views and decorators (a chip seen through its
 * {@code .post} taps only, a chip whose queries advance a progress bar) extend it and override what they change.
 * Queries still reach the wrapped model, so they are counted in its {@link QueryLedger}.
 */
public abstract class ForwardingTappedModel implements TappedModel {
    private final TappedModel delegate;

    /**
     * @param delegate the model every call goes to
     * @throws NullPointerException if {@code delegate} is null
     */
    protected ForwardingTappedModel(TappedModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the wrapped model */
    protected final TappedModel delegate() {
        return delegate;
    }

    @Override
    public int inputSize() {
        return delegate.inputSize();
    }

    @Override
    public int outputSize() {
        return delegate.outputSize();
    }

    @Override
    public List<TapPoint> taps() {
        return delegate.taps();
    }

    @Override
    public QueryResult query(INDArray input, Collection<String> tapNames) {
        return delegate.query(input, tapNames);
    }

    @Override
    public QueryLedger ledger() {
        return delegate.ledger();
    }
}
