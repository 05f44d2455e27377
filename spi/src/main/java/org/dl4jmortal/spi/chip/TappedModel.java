package org.dl4jmortal.spi.chip;

import java.util.Collection;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The black-box view of a model, as a copy-out algorithm sees it (DESIGN.md §2): send input rows, read the
 * output and named taps, pay for every row in the {@link QueryLedger}. A simulated analog chip, a real chip
 * behind a driver plugin and an ordinary DL4J network (through an adapter) all look like this.
 * <p>
 * There is deliberately no way to read weights here: see the mortal seal, DESIGN.md §2 rule 3.
 */
public interface TappedModel {

    /** @return number of input features per row ({@code nIn} of the first layer) */
    int inputSize();

    /** @return number of output values per row ({@code nOut} of the last layer) */
    int outputSize();

    /** @return every tap point this model offers, lowest layer first, {@code .pre} before {@code .post} */
    List<TapPoint> taps();

    /**
     * Runs the model on input rows and reads the named taps. Each call adds {@code batch} queries to the ledger.
     *
     * @param input    {@code [batch, inputSize()]}, finite values (the model's own input scaling applies)
     * @param tapNames names from {@link #taps()}; may be empty
     * @return output {@code [batch, outputSize()]} and the tap values {@code [batch, width]}
     * @throws IllegalArgumentException if the input has the wrong width or rank, holds NaN or infinite values,
     *                                  or a tap name is unknown (the message lists the valid ones)
     */
    QueryResult query(INDArray input, Collection<String> tapNames);

    /**
     * Runs the model without reading taps.
     *
     * @param input {@code [batch, inputSize()]}
     * @return output {@code [batch, outputSize()]}
     * @throws IllegalArgumentException as {@link #query(INDArray, Collection)}
     */
    default INDArray output(INDArray input) {
        return query(input, List.of()).output();
    }

    /** @return the ledger that counts every query made on this model */
    QueryLedger ledger();

    /**
     * Looks a tap up by name.
     *
     * @param name {@code <layer>.pre} or {@code <layer>.post}
     * @return the tap point
     * @throws IllegalArgumentException if no such tap exists; the message lists the valid names
     */
    default TapPoint tap(String name) {
        for (TapPoint t : taps()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tap '" + name + "'; valid taps: "
                + taps().stream().map(TapPoint::name).toList());
    }
}
