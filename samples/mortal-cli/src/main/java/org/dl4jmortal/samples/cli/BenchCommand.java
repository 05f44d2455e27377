package org.dl4jmortal.samples.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mortal bench [--only forward|training]}: runs the JMH benchmarks ({@code AnalogForwardBenchmark},
 * {@code InPlaceStepBenchmark}) and prints each analog time as a ratio of the digital time measured in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the JMH benchmarks and print analog/digital time ratios (takes a few minutes).")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--only", paramLabel = "forward|training", description = "run one benchmark class only")
    String only;

    /**
     * @return 0
     * @throws RunnerException    if JMH fails
     * @throws UserInputException on an unknown --only value
     */
    @Override
    public Integer call() throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        if (only == null || only.equals("forward")) {
            options.include("AnalogForwardBenchmark");
        }
        if (only == null || only.equals("training")) {
            options.include("InPlaceStepBenchmark");
        }
        if (only != null && !only.equals("forward") && !only.equals("training")) {
            throw new UserInputException("--only must be forward or training, got '" + only + "'");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Map<String, Double>> byClass = new LinkedHashMap<>();
        for (RunResult r : results) {
            String full = r.getParams().getBenchmark();
            String cls = full.substring(0, full.lastIndexOf('.'));
            String method = full.substring(full.lastIndexOf('.') + 1);
            byClass.computeIfAbsent(cls.substring(cls.lastIndexOf('.') + 1), k -> new LinkedHashMap<>())
                    .put(method, r.getPrimaryResult().getScore());
        }
        for (Map.Entry<String, Map<String, Double>> e : byClass.entrySet()) {
            Double digital = e.getValue().get("digital");
            System.out.println(e.getKey() + ":");
            for (Map.Entry<String, Double> m : e.getValue().entrySet()) {
                System.out.printf(Locale.ROOT, "  %-18s %9.3f ms   ratio to digital %.2f%n", m.getKey(), m.getValue(),
                        digital == null ? Double.NaN : m.getValue() / digital);
            }
        }
        return 0;
    }
}
