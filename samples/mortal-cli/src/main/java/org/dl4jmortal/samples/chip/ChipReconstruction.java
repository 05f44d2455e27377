package org.dl4jmortal.samples.chip;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.EvaluationOracle;
import org.dl4jmortal.probe.reconstruct.CheckpointedReconstructor;
import org.dl4jmortal.probe.reconstruct.ReconstructedNetworks;
import org.dl4jmortal.probe.tap.PostActivationTaps;
import org.dl4jmortal.samples.io.AtomicFiles;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.report.Plots;
import org.dl4jmortal.samples.report.ReconstructionMetrics;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.Reconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;
import org.dl4jmortal.spi.reconstruct.WeightReconstructor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One evaluation run of weight reconstruction on a simulated chip (issue 6, DESIGN.md §4), shared by
 * {@code mortal reconstruct} and the demo: the reconstructor sees the chip only as a {@link TappedModel} (optionally
 * through its {@code .post} taps alone); the chip's evaluation oracle supplies the true noise for the Cramér–Rao
 * bound, the true weights for {@code rel_error} and the noise-free function for {@code agreement}.
 */
public final class ChipReconstruction {
    /** File name of the reconstructed DL4J network. */
    public static final String NETWORK_FILE = "reconstructed.zip";
    /** File name of the error-against-queries plot. */
    public static final String PLOT_FILE = "reconstruct.png";

    private ChipReconstruction() {
    }

    /**
     * What a run produced.
     *
     * @param reconstruction the reconstructed layers and their reports
     * @param network        the ordinary DL4J network with the reconstructed weights
     * @param metrics        the {@code "reconstruct"} metrics section, with the curve
     */
    public record Result(Reconstruction reconstruction, MultiLayerNetwork network, ReconstructionMetrics metrics) {
        /** @throws NullPointerException if an argument is null */
        public Result {
            Objects.requireNonNull(reconstruction, "reconstruction");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /**
     * Reconstructs the chip at its present time since programming.
     *
     * @param chip           the chip (its ledger is charged for every query)
     * @param reconstructor  the method
     * @param request        budget, target, seed and options; the true noise model is added here from the oracle
     * @param postTapsOnly   read the chip through its {@code .post} taps only
     * @param testImages     test images {@code [n, inputSize]} for the agreement, or null for none
     * @return the result
     * @throws IllegalArgumentException as {@link WeightReconstructor#reconstruct} (budget too small, missing tap,
     *                                  target below the bound, saturated probes), or if the test images have the
     *                                  wrong width
     */
    public static Result run(AnalogChip chip, WeightReconstructor reconstructor, ReconstructionRequest.Builder request,
                             boolean postTapsOnly, INDArray testImages) {
        return run(chip, reconstructor, request, postTapsOnly, testImages, null);
    }

    /**
     * As {@link #run(AnalogChip, WeightReconstructor, ReconstructionRequest.Builder, boolean, INDArray)}, advancing
     * {@code progress} by the rows of every query sent to the chip (one unit per query).
     *
     * @param chip          the chip (its ledger is charged for every query)
     * @param reconstructor the method
     * @param request       budget, target, seed and options; the true noise model is added here from the oracle
     * @param postTapsOnly  read the chip through its {@code .post} taps only
     * @param testImages    test images {@code [n, inputSize]} for the agreement, or null for none
     * @param progress      advanced by one unit per query, or null
     * @return the result
     * @throws IllegalArgumentException as the overload without progress
     */
    public static Result run(AnalogChip chip, WeightReconstructor reconstructor, ReconstructionRequest.Builder request,
                             boolean postTapsOnly, INDArray testImages, Progress.Task progress) {
        if (testImages != null && testImages.columns() != chip.inputSize()) {
            throw new IllegalArgumentException("test images have " + testImages.columns() + " values per row but the "
                    + "chip takes " + chip.inputSize() + " inputs");
        }
        EvaluationOracle oracle = chip.evaluationOracle();
        Map<String, INDArray> truth = oracle.effectiveWeights();
        TappedModel tapped = postTapsOnly ? PostActivationTaps.of(chip) : chip;
        TappedModel model = progress == null ? tapped : counted(tapped, progress);
        ReconstructionRequest req = request.noiseModel(oracle::preTapNoiseVariance).build();
        List<ReconstructionMetrics.CurvePoint> curve = new ArrayList<>();
        Reconstruction r;
        if (reconstructor instanceof CheckpointedReconstructor c) {
            r = c.reconstruct(model, req, (queries, layers) -> curve.add(new ReconstructionMetrics.CurvePoint(queries,
                    layerRows(new Reconstruction(reconstructor.name(), layers, queries, 0), truth))));
        } else {
            r = reconstructor.reconstruct(model, req);
        }
        List<ReconstructionMetrics.Layer> rows = layerRows(r, truth);
        if (curve.isEmpty() || curve.get(curve.size() - 1).queries() != r.queries()) {
            curve.add(new ReconstructionMetrics.CurvePoint(r.queries(), rows));
        }
        MultiLayerNetwork network = ReconstructedNetworks.toNetwork(r);
        Double agreement = null;
        Integer n = null;
        if (testImages != null) {
            agreement = agreement(network.output(testImages), oracle.noiseFreeOutput(testImages));
            n = (int) testImages.rows();
        }
        return new Result(r, network, new ReconstructionMetrics(reconstructor.name(), r.queries(), r.seconds(),
                chip.secondsSinceProgramming(), agreement, n, rows, curve,
                Double.isNaN(req.targetError()) ? null : req.targetError()));
    }

    /** @return {@code model}, advancing {@code progress} by the rows of every query */
    private static TappedModel counted(TappedModel model, Progress.Task progress) {
        return new org.dl4jmortal.spi.chip.ForwardingTappedModel(model) {
            @Override
            public org.dl4jmortal.spi.chip.QueryResult query(INDArray input, java.util.Collection<String> tapNames) {
                org.dl4jmortal.spi.chip.QueryResult r = super.query(input, tapNames);
                progress.stepBy(input.rows());
                return r;
            }
        };
    }

    /**
     * @param r     a reconstruction
     * @param truth true effective weights by layer (evaluation oracle)
     * @return the per-layer rows of the metrics
     */
    static List<ReconstructionMetrics.Layer> layerRows(Reconstruction r, Map<String, INDArray> truth) {
        Map<String, Double> err = ReconstructedNetworks.relativeErrors(r, truth);
        List<ReconstructionMetrics.Layer> rows = new ArrayList<>();
        for (LayerReconstruction l : r.layers()) {
            rows.add(new ReconstructionMetrics.Layer(l.layerName(), finite(err.getOrDefault(l.layerName(), Double.NaN)),
                    finite(l.crlbRelError()), finite(l.estimatedRelError()), l.queries(), l.deadUnits().length,
                    l.biased(), l.note()));
        }
        return rows;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * @param a predictions {@code [n, classes]}
     * @param b reference {@code [n, classes]}
     * @return the fraction of rows whose top-1 classes agree
     */
    static double agreement(INDArray a, INDArray b) {
        return a.argMax(1).eq(b.argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /**
     * Writes the reconstructed network as a DL4J {@link ModelSerializer} zip, atomically.
     *
     * @param result a run's result
     * @param file   the target, for example {@value #NETWORK_FILE}
     * @throws IOException if it cannot be written
     */
    public static void writeNetwork(Result result, Path file) throws IOException {
        AtomicFiles.write(file, out -> ModelSerializer.writeModel(result.network(), out, false));
    }

    /**
     * Writes the error-against-queries plot ({@link Plots#writeReconstructionPng}), unless nothing in the curve can
     * be drawn on logarithmic axes (an exact reconstruction of a noise-free chip, where every error and bound is 0).
     *
     * @param result a run's result
     * @param file   the target, for example {@value #PLOT_FILE}
     * @return empty if the plot was written, else why not
     * @throws IOException if it cannot be written
     */
    public static java.util.Optional<String> writePlot(Result result, Path file) throws IOException {
        try {
            Plots.writeReconstructionPng(result.metrics(), file);
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }
}
