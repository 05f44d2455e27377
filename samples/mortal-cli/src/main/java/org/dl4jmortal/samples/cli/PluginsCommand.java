package org.dl4jmortal.samples.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginInfo;
import picocli.CommandLine.Command;

/**
 * {@code mortal plugins}: every installed plugin implementation (kind, name, class, version, jar), as found by
 * {@link java.util.ServiceLoader} and wired by Guice. A clash of names or a plugin that fails to load is reported as
 * an error naming the jars or the cause.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List installed plugins: device models, tap exporters, reconstructors.")
public final class PluginsCommand implements Callable<Integer> {
    private final PrintStream out;

    /** As the launcher runs it. */
    public PluginsCommand() {
        this(System.out);
    }

    /** @param out where the list goes */
    public PluginsCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * @return 0
     * @throws UserInputException if the registry cannot be built (duplicate names, a plugin that fails to load)
     */
    @Override
    public Integer call() {
        MortalRegistry registry;
        try {
            registry = MortalRegistry.global();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        out.printf("%-13s %-18s %-62s %-8s %s%n", "KIND", "NAME", "CLASS", "VERSION", "SOURCE");
        for (PluginInfo p : registry.plugins()) {
            String source = p.source().substring(p.source().lastIndexOf('/', p.source().length() - 2) + 1);
            out.printf("%-13s %-18s %-62s %-8s %s%n", p.kind(), p.name(), p.implementation(), p.version(), source);
        }
        return 0;
    }
}
