package org.dl4jmortal.samples.distill;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.transfer.Mixup;
import org.dl4jmortal.distill.transfer.SyntheticTransfer;
import org.dl4jmortal.distill.transfer.TapExport;
import org.dl4jmortal.distill.transfer.TransferSpec;
import org.dl4jmortal.probe.record.SyntheticProbes;
import org.dl4jmortal.samples.data.LabelledImages;
import org.dl4jmortal.spi.distill.TransferSet;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fashion-MNIST as transfer and evaluation sets for distillation (pixels scaled to [0, 1], the chips' input units):
 * the {@link TransferSpec} kinds built from the training split, and the test split as the held-out rows.
 */
public final class DistillData {
    private DistillData() {
    }

    /**
     * @param spec     which transfer set
     * @param train    the training images (labels used only by {@code train})
     * @param width    the teacher's input width (for synthetic rows)
     * @param seed     seed of synthetic rows, of the mixup seed images and mixtures
     * @param hintTaps teacher taps to load from a recorded export (for hints); ignored otherwise
     * @return the transfer set
     * @throws IOException              if a recorded export cannot be read
     * @throws IllegalArgumentException if the export is unusable, asks for more seed images than there are, or
     *                                  its rows do not match the data (says what)
     */
    public static TransferSet transfer(TransferSpec spec, LabelledImages train, int width, long seed,
                                       List<String> hintTaps) throws IOException {
        return switch (spec.kind()) {
            case TRAIN -> TransferSet.of("training images with labels (" + train.size() + ")", all(train),
                    train.oneHotLabels(indices(train.size())));
            case UNLABELLED -> TransferSet.of("training images without labels (" + train.size() + ")", all(train),
                    null);
            case GAUSSIAN -> SyntheticTransfer.of(SyntheticProbes.Kind.GAUSSIAN, spec.count(), width, seed);
            case UNIFORM -> SyntheticTransfer.of(SyntheticProbes.Kind.UNIFORM, spec.count(), width, seed);
            case MIXUP -> {
                if (spec.count() > train.size()) {
                    throw new IllegalArgumentException("mixup:" + spec.count() + " asks for more seed images than the "
                            + train.size() + " training images");
                }
                if (spec.rows() < spec.count()) {
                    throw new IllegalArgumentException("mixup:" + spec.count() + ":" + spec.rows() + " must have at"
                            + " least as many rows as seed images");
                }
                int[] chosen = choose(train.size(), (int) spec.count(), seed);
                TransferSet t = Mixup.transferSet(train.features(chosen), spec.rows(), seed);
                yield TransferSet.of(t.description() + "; seed images: " + spec.count() + " training images drawn"
                        + " with seed " + seed, t.inputs(), null);
            }
            case TAPS -> taps(spec, train, hintTaps);
        };
    }

    private static TransferSet taps(TransferSpec spec, LabelledImages train, List<String> hintTaps)
            throws IOException {
        TapExport export = TapExport.open(spec.folder());
        Optional<INDArray> synthetic = export.syntheticInputs();
        if (synthetic.isPresent()) {
            return export.load(synthetic.get(), hintTaps);
        }
        if (export.manifest().inputSize() != train.featureCount()) {
            throw new IllegalArgumentException("the tap export in " + spec.folder() + " was recorded from a model"
                    + " taking " + export.manifest().inputSize() + " values per row; the data has "
                    + train.featureCount());
        }
        long n = Math.min(export.rows(), train.size());
        INDArray inputs = train.features(indices((int) n));
        return export.load(inputs, hintTaps);
    }

    /**
     * @param test  the test images
     * @param limit most rows (0 = all)
     * @return the first {@code limit} test images with their labels
     */
    public static EvaluationSet evaluation(LabelledImages test, int limit) {
        int n = limit <= 0 ? test.size() : Math.min(limit, test.size());
        int[] idx = indices(n);
        return new EvaluationSet(test.features(idx), test.oneHotLabels(idx));
    }

    /**
     * Chooses {@code n} of {@code available} indices: the first {@code n} of a Fisher–Yates shuffle drawn from
     * {@code KeyedRandom.key(seed, "mixup-seed-images")}, in increasing order.
     *
     * @param available number of candidates
     * @param n         how many to choose, {@code <= available}
     * @param seed      the seed
     * @return the chosen indices
     */
    static int[] choose(int available, int n, long seed) {
        int[] p = indices(available);
        SplittableRandom r = new SplittableRandom(KeyedRandom.key(seed, "mixup-seed-images"));
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(available - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(p, n);
        java.util.Arrays.sort(out);
        return out;
    }

    private static INDArray all(LabelledImages images) {
        return images.features(indices(images.size()));
    }

    static int[] indices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

}
