package org.dl4jmortal.samples.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The {@code "reconstruct"} section of {@code metrics.json} (issue 6, DESIGN.md §4), written by
 * {@code mortal reconstruct} and by the demo's reconstruction step:
 * <pre>{"method":M,"queries":Q,"seconds":S,"at_seconds":T,"agreement":A,"test_images":N,"target_error":E,
 *  "target_missed":[L,...],
 *  "layers":[{"name":L,"rel_error":E,"crlb_rel_error":C,"estimated_rel_error":E2,"queries":Q,"dead_units":D,
 *             "biased":B,"note":"..."},...],
 *  "curve":[{"queries":Q,"layers":[...as above...]},...]}</pre>
 * Errors are relative Frobenius errors of the weights, {@code ||W_hat - W||_F / ||W||_F}, without the dead units;
 * {@code null} where a value is not finite (for example the bound of a noise-free chip is 0 and its ratio
 * undefined). {@code agreement} is top-1 agreement on {@code test_images} test images between the reconstructed
 * network and the chip's noise-free function at {@code at_seconds}; absent without test images.
 *
 * @param method     the reconstructor's registered name
 * @param queries    rows sent to the chip, repeats included
 * @param seconds    wall-clock seconds of the reconstruction (without the evaluation)
 * @param atSeconds  the chip's time since programming, seconds
 * @param agreement  top-1 agreement with the noise-free function in {@code [0, 1]}, or null
 * @param testImages test images behind the agreement, or null
 * @param layers     the final per-layer report, lowest layer first
 * @param curve      intermediate reports against the queries spent, in increasing order of queries
 * @param targetError the requested target relative error per layer ({@code --target-error}), or null for none
 */
@JsonPropertyOrder({"method", "queries", "seconds", "at_seconds", "agreement", "test_images", "target_error",
    "target_missed", "layers", "curve"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconstructionMetrics(@JsonProperty("method") String method, @JsonProperty("queries") long queries,
                                    @JsonProperty("seconds") double seconds,
                                    @JsonProperty("at_seconds") double atSeconds,
                                    @JsonProperty("agreement") Double agreement,
                                    @JsonProperty("test_images") Integer testImages,
                                    @JsonProperty("layers") List<Layer> layers,
                                    @JsonProperty("curve") List<CurvePoint> curve,
                                    @JsonProperty("target_error") Double targetError) {

    /** @throws NullPointerException if the method or a list is null */
    public ReconstructionMetrics {
        Objects.requireNonNull(method, "method");
        layers = List.copyOf(layers);
        curve = List.copyOf(curve);
    }

    /**
     * A report without a target error.
     *
     * @param method     the reconstructor's registered name
     * @param queries    rows sent to the chip, repeats included
     * @param seconds    wall-clock seconds of the reconstruction
     * @param atSeconds  the chip's time since programming, seconds
     * @param agreement  top-1 agreement in {@code [0, 1]}, or null
     * @param testImages test images behind the agreement, or null
     * @param layers     the final per-layer report
     * @param curve      intermediate reports
     * @throws NullPointerException if the method or a list is null
     */
    public ReconstructionMetrics(String method, long queries, double seconds, double atSeconds, Double agreement,
                                 Integer testImages, List<Layer> layers, List<CurvePoint> curve) {
        this(method, queries, seconds, atSeconds, agreement, testImages, layers, curve, null);
    }

    /**
     * The layers that missed the target: their estimated error ({@code estimated_rel_error}, else the bound when the
     * method gives no estimate) is above {@code target_error}.
     *
     * @return their names, lowest first; null without a target (so that {@code metrics.json} leaves it out)
     */
    @JsonProperty("target_missed")
    public List<String> targetMissed() {
        if (targetError == null) {
            return null;
        }
        return layers.stream().filter(l -> {
            Double e = l.estimatedRelError() != null ? l.estimatedRelError() : l.crlbRelError();
            return e != null && e > targetError;
        }).map(Layer::name).toList();
    }

    /**
     * One layer's report.
     *
     * @param name              the layer's name
     * @param relError          true relative error from the evaluation oracle, or null
     * @param crlbRelError      relative error predicted by the Cramér–Rao bound of the design used, or null
     * @param estimatedRelError the method's own estimate from its data, or null
     * @param queries           queries whose tap reads entered this layer's fit
     * @param deadUnits         ReLU units no probe activated (kept dead, left out of the errors)
     * @param biased            true if the estimator is biased (ridge), so the bound does not apply
     * @param note              how the layer was fitted
     */
    @JsonPropertyOrder({"name", "rel_error", "crlb_rel_error", "estimated_rel_error", "queries", "dead_units", "biased",
        "note"})
    public record Layer(@JsonProperty("name") String name, @JsonProperty("rel_error") Double relError,
                        @JsonProperty("crlb_rel_error") Double crlbRelError,
                        @JsonProperty("estimated_rel_error") Double estimatedRelError,
                        @JsonProperty("queries") long queries, @JsonProperty("dead_units") int deadUnits,
                        @JsonProperty("biased") boolean biased, @JsonProperty("note") String note) {

        /** @return {@code rel_error / crlb_rel_error}, or null if either is missing or the bound is 0 */
        public Double ratio() {
            return relError == null || crlbRelError == null || crlbRelError == 0 ? null : relError / crlbRelError;
        }
    }

    /**
     * The report after some of the queries.
     *
     * @param queries queries spent so far
     * @param layers  the per-layer report from those queries
     */
    @JsonPropertyOrder({"queries", "layers"})
    public record CurvePoint(@JsonProperty("queries") long queries, @JsonProperty("layers") List<Layer> layers) {
        /** @throws NullPointerException if {@code layers} is null */
        public CurvePoint {
            layers = List.copyOf(layers);
        }
    }
}
