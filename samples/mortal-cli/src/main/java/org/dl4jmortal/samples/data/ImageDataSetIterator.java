package org.dl4jmortal.samples.data;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} over {@link LabelledImages}: features {@code [batch, 784]} FLOAT scaled to
 * {@code [0, 1]}, one-hot labels {@code [batch, 10]}. The last batch may be smaller. With shuffling on, epoch
 * {@code e} visits the images in a Fisher-Yates permutation drawn from the key {@code (seed, "shuffle", e)}, so the
 * order is a pure function of the seed and the epoch; {@link #reset()} starts the next epoch. Without shuffling, the
 * file order is kept. Not asynchronous (DL4J then iterates it in the calling thread, deterministically).
 */
public final class ImageDataSetIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient LabelledImages data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private int epoch;
    private int[] order;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    /**
     * @param data      the images and labels
     * @param batchSize rows per batch, {@code >= 1}
     * @param shuffle   whether every epoch uses a fresh seeded permutation
     * @param seed      the shuffling seed (ignored without shuffling)
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public ImageDataSetIterator(LabelledImages data, int batchSize, boolean shuffle, long seed) {
        this.data = Objects.requireNonNull(data, "data");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = orderFor(0);
    }

    private int[] orderFor(int epochIndex) {
        int n = data.size();
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(KeyedRandom.key(seed, "shuffle", epochIndex));
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = o[i];
                o[i] = o[j];
                o[j] = t;
            }
        }
        return o;
    }

    /** @return the underlying images and labels */
    public LabelledImages data() {
        return data;
    }

    /**
     * @param num rows wanted, {@code >= 1}
     * @return the next {@code min(num, remaining)} rows
     * @throws NoSuchElementException if the epoch is exhausted
     */
    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " exhausted after " + data.size()
                    + " rows; call reset()");
        }
        if (num < 1) {
            throw new IllegalArgumentException("num must be >= 1, got " + num);
        }
        int n = Math.min(num, order.length - cursor);
        int[] idx = new int[n];
        System.arraycopy(order, cursor, idx, 0, n);
        cursor += n;
        DataSet ds = new DataSet(data.features(idx), data.oneHotLabels(idx));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public int inputColumns() {
        return data.featureCount();
    }

    @Override
    public int totalOutcomes() {
        return data.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next epoch (a new permutation when shuffling). */
    @Override
    public void reset() {
        epoch++;
        order = orderFor(epoch);
        cursor = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** @return the class names "0" ... "9" */
    @Override
    public List<String> getLabels() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < data.numClasses(); i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }
}
