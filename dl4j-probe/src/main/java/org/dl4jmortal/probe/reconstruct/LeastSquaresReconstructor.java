package org.dl4jmortal.probe.reconstruct;

import java.util.List;
import java.util.Locale;
import org.dl4jmortal.spi.chip.TappedModel;
import org.dl4jmortal.spi.reconstruct.LayerReconstruction;
import org.dl4jmortal.spi.reconstruct.Reconstruction;
import org.dl4jmortal.spi.reconstruct.ReconstructionRequest;

/**
 * {@code least-squares}: every layer by least squares on probe rows driven through the network input (DESIGN.md §4,
 * {@code W_hat = (X^T X)^-1 X^T Y}, the row-vector form of {@code Y X^T (X X^T)^-1}), the first layer on the probe
 * design itself, deeper layers on the lower {@code .post} tap of the same queries (layer peeling; see
 * {@link PeelingEngine} for why no errors-in-variables correction is needed). Reads the request's budget (default
 * {@code 20 x} the largest number of unknowns per unit), target error, seed, design, density, amplitude, repeats
 * (default 1) and ridge (reported as biased), and the noise model for the bound.
 * <p>
 * With a target error, a pilot of {@code 4 x} the unknowns is run first and the number of queries is scaled from the
 * error it estimates from its own data ({@code error ~ 1 / sqrt(queries)}; the oracle's noise model is only reported,
 * never used to decide); with a budget too, the target must be reachable within it.
 * <p>
 * Repeats: the regressors of every layer are the exact inputs of the same query (see {@link PeelingEngine}), so
 * distinct probe rows carry at least as much information as repeats of fewer rows, and the default is one read per
 * row; with {@code repeats >= 2} the read noise is also estimated from the spread of the repeats (pure error), and
 * the estimated error uses that estimate.
 * <p>
 * Dither: no offset is added here. The probe rows differ from one another, so a converter's rounding changes from row
 * to row and enters the fit like noise of variance {@code step^2 / 12} (which the oracle's bound includes), averaging
 * out below one step as the rows accumulate; repeats of one row would round alike, which is why finite differences
 * dither their repeats ({@link FiniteDifferenceReconstructor}).
 */
public final class LeastSquaresReconstructor implements CheckpointedReconstructor {
    /** Registered name. */
    public static final String NAME = "least-squares";

    /** Public no-argument constructor for the plugin registry. */
    public LeastSquaresReconstructor() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "layer-peeling least squares on Rademacher/Hadamard probes with Cramer-Rao bound (DESIGN.md §4)";
    }

    @Override
    public Reconstruction reconstruct(TappedModel model, ReconstructionRequest request, CheckpointListener listener) {
        long start = System.nanoTime();
        long queriesAtStart = model.ledger().queries();
        List<LayerPlan> plans = LayerPlan.plan(model);
        int repeats = Math.max(1, request.repeats());
        PeelingEngine engine = engine(model, plans, request);
        int unknowns = engine.unknownsPerUnit();
        long needed = 2L * unknowns * repeats;
        long distinct;
        if (!Double.isNaN(request.targetError())) {
            if (request.budget() > 0) {
                checkBudget(request.budget(), needed, plans, unknowns);
            }
            distinct = rowsForTarget(model, request, engine, request.budget(), repeats);
        } else {
            long budget = request.budget() > 0 ? request.budget() : 20L * unknowns * repeats;
            checkBudget(budget, needed, plans, unknowns);
            distinct = budget / repeats;
        }
        int chunk = chunk(model.inputSize(), repeats, distinct);
        List<LayerReconstruction> layers = engine.run(distinct, repeats, chunk, inputs(model, request, 0), listener,
                model.ledger().queries() - queriesAtStart, List.of());
        return new Reconstruction(NAME, layers, model.ledger().queries() - queriesAtStart,
                (System.nanoTime() - start) * 1e-9);
    }

    static PeelingEngine engine(TappedModel model, List<LayerPlan> plans, ReconstructionRequest request) {
        return new PeelingEngine(model, plans, 0, request.noiseModel().orElse(null), request.ridge(),
                request.design().name().toLowerCase(Locale.ROOT) + " design, amplitude " + request.amplitude()
                        + ", density " + density(model, request) + ", " + Math.max(1, request.repeats()) + " read(s) per probe");
    }

    static double density(TappedModel model, ReconstructionRequest request) {
        return request.density() > 0 ? request.density() : ProbeDesigns.defaultDensity(model.inputSize());
    }

    static java.util.function.BiFunction<Long, Integer, org.nd4j.linalg.api.ndarray.INDArray> inputs(
            TappedModel model, ReconstructionRequest request, long offset) {
        double density = density(model, request);
        return (first, count) -> ProbeDesigns.rows(request.design(), request.seed(), offset + first, count,
                model.inputSize(), request.amplitude(), density);
    }

    /**
     * @param inputSize values per probe row
     * @param repeats   reads per distinct row
     * @param distinct  distinct rows to send
     * @return distinct rows per query: at most about 3 million input values (memory), and at most 1/32 of the rows
     * (at least 64) so that the solutions at doubling queries give a curve of several points
     */
    static int chunk(int inputSize, int repeats, long distinct) {
        long memory = Math.max(16, 3_000_000 / ((long) inputSize * repeats));
        return (int) Math.min(memory, Math.max(64, distinct / 32));
    }

    static void checkBudget(long budget, long needed, List<LayerPlan> plans, int unknowns) {
        if (budget < needed) {
            LayerPlan widest = plans.stream().max(java.util.Comparator.comparingInt(LayerPlan::nIn)).orElseThrow();
            throw new IllegalArgumentException("budget of " + budget + " " + FiniteDifferenceReconstructor.queries(budget)
                    + " is too small to determine layer '"
                    + widest.layerName() + "' (" + unknowns + " unknowns per unit): at least " + needed
                    + " queries are needed (twice the unknowns, times the repeats)");
        }
    }

    /**
     * Distinct probe rows that reach a target error: a pilot of {@code 4 x} the unknowns estimates each layer's error
     * from its own data (the read noise seen in the residuals through the design, {@code sigma_hat^2 tr (X^T X)^-1}:
     * the Cramér–Rao bound with the noise estimated, never the evaluation oracle's), and the rows are scaled by
     * {@code (error / target)^2}.
     *
     * @param model   the black box (the pilot's queries are charged)
     * @param request the request (target, seed, design)
     * @param engine  the peeling engine of the layers to size
     * @param budget  queries allowed for these layers, or 0 for no limit
     * @param repeats reads per distinct row
     * @return distinct rows
     * @throws IllegalArgumentException if the target needs more than the budget (says what can be reached and how
     *                                  many queries the target needs)
     */
    static long rowsForTarget(TappedModel model, ReconstructionRequest request, PeelingEngine engine, long budget,
                              int repeats) {
        int unknowns = engine.unknownsPerUnit();
        long pilot = 4L * unknowns;
        List<LayerReconstruction> pilotLayers = engine.run(pilot, repeats, chunk(model.inputSize(), repeats, pilot),
                inputs(model, request, Long.MAX_VALUE / 2), null, 0, List.of());
        double worst = 0;
        String worstLayer = "";
        for (LayerReconstruction l : pilotLayers) {
            if (l.estimatedRelError() > worst) {
                worst = l.estimatedRelError();
                worstLayer = l.layerName();
            }
        }
        double factor = Math.pow(worst / request.targetError(), 2);
        long distinct = Math.max(2L * unknowns, (long) Math.ceil(pilot * factor));
        if (budget > 0 && distinct * repeats > budget) {
            long budgetRows = budget / repeats;
            double reachable = worst * Math.sqrt((double) pilot / budgetRows);
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "target error %.3g is below what the Cramer-Rao bound allows within the budget of %d queries "
                            + "(bound estimated from the read noise of a %d-query pilot): layer '%s' can reach about "
                            + "%.3g; raise the budget to about %d queries or the target to %.3g",
                    request.targetError(), budget, pilot * repeats, worstLayer, reachable, distinct * repeats,
                    reachable));
        }
        return distinct;
    }
}
