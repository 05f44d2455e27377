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
 * With a target error and no budget, a pilot of {@code 4 x} the unknowns is run first and the number of queries is
 * scaled from its error ({@code error ~ 1 / sqrt(queries)}: the bound when a noise model is given, else the estimate).
 * With a target and a budget, the target must be reachable within the budget.
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
            distinct = rowsForTarget(model, plans, request, engine, unknowns, repeats);
        } else {
            long budget = request.budget() > 0 ? request.budget() : 20L * unknowns * repeats;
            checkBudget(budget, needed, plans, unknowns);
            distinct = budget / repeats;
        }
        int chunk = chunk(model.inputSize(), repeats);
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

    static int chunk(int inputSize, int repeats) {
        return Math.max(16, 3_000_000 / (inputSize * repeats));
    }

    static void checkBudget(long budget, long needed, List<LayerPlan> plans, int unknowns) {
        if (budget < needed) {
            LayerPlan widest = plans.stream().max(java.util.Comparator.comparingInt(LayerPlan::nIn)).orElseThrow();
            throw new IllegalArgumentException("budget of " + budget + " queries is too small to determine layer '"
                    + widest.layerName() + "' (" + unknowns + " unknowns per unit): at least " + needed
                    + " queries are needed (twice the unknowns, times the repeats)");
        }
    }

    private static long rowsForTarget(TappedModel model, List<LayerPlan> plans, ReconstructionRequest request,
                                      PeelingEngine engine, int unknowns, int repeats) {
        long pilot = 4L * unknowns;
        List<LayerReconstruction> pilotLayers = engine.run(pilot, repeats, chunk(model.inputSize(), repeats),
                inputs(model, request, Long.MAX_VALUE / 2), null, 0, List.of());
        double worst = 0;
        String worstLayer = "";
        for (LayerReconstruction l : pilotLayers) {
            double e = Double.isNaN(l.crlbRelError()) ? l.estimatedRelError() : l.crlbRelError();
            if (e > worst) {
                worst = e;
                worstLayer = l.layerName();
            }
        }
        double factor = Math.pow(worst / request.targetError(), 2);
        long distinct = Math.max(2L * unknowns, (long) Math.ceil(pilot * factor));
        if (request.budget() > 0) {
            checkBudget(request.budget(), 2L * unknowns * repeats, plans, unknowns);
            long budgetRows = request.budget() / repeats;
            if (distinct > budgetRows) {
                double reachable = worst * Math.sqrt((double) pilot / budgetRows);
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "target error %.3g is below what the %s allows within the budget of %d queries: layer '%s' "
                                + "can reach about %.3g; raise the budget to about %d queries or the target to %.3g",
                        request.targetError(), request.noiseModel().isPresent() ? "Cramer-Rao bound" : "estimated error",
                        request.budget(), worstLayer, reachable, distinct * repeats, reachable));
            }
        }
        return distinct;
    }
}
