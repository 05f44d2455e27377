package org.dl4jmortal.samples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mortal version}: prints the version lines of {@link VersionProvider}.
 */
@Command(name = "version", description = "Print the version of mortal, DL4J and Java.")
public final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** @return exit status 0 */
    @Override
    public Integer call() {
        for (String line : new VersionProvider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
