package org.dl4jmortal.samples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginInfo;
import org.dl4jmortal.spi.plugin.PluginKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mortal plugins [--kind KIND] [--long]}: every installed plugin implementation (kind, name, implementing
 * class, version and the jar it came from), as found by {@link java.util.ServiceLoader} and wired by Guice
 * ({@link MortalRegistry}), sorted by kind and name. Jars are shown by file name, class folders by their path.
 * {@code --long} adds the registering plugin module and the one-line description with its source. A clash of names,
 * one plugin class in two jars or a plugin that fails to load is reported as an error naming the jars or the cause
 * (exit status 3), never a silent pick.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"List installed plugins: device models, tap exporters, reconstructors, distillers, chip factories.",
            "Add plugin jars with MORTAL_CLASSPATH=a.jar:b.jar ./mortal plugins."})
public final class PluginsCommand implements Callable<Integer> {
    private static final String ROW = "%-13s %-18s %-62s %-15s %s%n";

    private final Supplier<MortalRegistry> registry;

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "only this kind: device, exporter, reconstructor, distiller, chip-factory, ...")
    String kind;

    @Option(names = {"-l", "--long"}, description = "also print each plugin module and description")
    boolean longFormat;

    /** As the launcher runs it: the registry of the class path ({@link MortalRegistry#global()}). */
    public PluginsCommand() {
        this(MortalRegistry::global);
    }

    /** @param registry where the plugins come from (tests build their own) */
    public PluginsCommand(Supplier<MortalRegistry> registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * @return 0
     * @throws UserInputException if the registry cannot be built (duplicate names, a plugin class in two jars, a
     *                            plugin that fails to load; the message names the jars or the cause) or
     *                            {@code --kind} names no known kind (the message lists them)
     */
    @Override
    public Integer call() {
        MortalRegistry r;
        try {
            r = registry.get();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        if (kind != null && PluginKind.known().stream().noneMatch(k -> k.name().equals(kind))) {
            throw new UserInputException("--kind '" + kind + "' is not a plugin kind; kinds: "
                    + PluginKind.known().stream().map(PluginKind::name).toList());
        }
        List<PluginInfo> rows = new ArrayList<>(r.plugins());
        rows.removeIf(p -> kind != null && !p.kind().equals(kind));
        rows.sort((a, b) -> {
            int c = Integer.compare(kindOrder(a.kind()), kindOrder(b.kind()));
            return c != 0 ? c : a.name().compareTo(b.name());
        });
        PrintWriter out = spec.commandLine().getOut();
        out.printf(ROW, "KIND", "NAME", "CLASS", "VERSION", "JAR");
        for (PluginInfo p : rows) {
            out.printf(ROW, p.kind(), p.name(), p.implementation(), p.version(), jar(p.source()));
            if (longFormat) {
                out.printf("%-13s %s%n%-13s registered by %s%n", "", p.description(), "", p.plugin());
            }
        }
        out.flush();
        return 0;
    }

    /**
     * @param source a plugin's class-path entry (a jar file or a class folder)
     * @return the jar's file name, or the folder's whole path
     */
    static String jar(String source) {
        return source.endsWith(".jar") ? source.substring(source.lastIndexOf('/') + 1) : source;
    }

    private static int kindOrder(String name) {
        List<PluginKind<?>> known = PluginKind.known();
        for (int i = 0; i < known.size(); i++) {
            if (known.get(i).name().equals(name)) {
                return i;
            }
        }
        return known.size();
    }
}
