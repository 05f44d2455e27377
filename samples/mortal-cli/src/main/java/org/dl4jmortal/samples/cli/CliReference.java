package org.dl4jmortal.samples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import picocli.CommandLine;

/**
 * Writes the command-line reference page of the site (Markdown) from picocli's own model of {@code mortal}: one
 * section per subcommand with its usage help exactly as {@code ./mortal help COMMAND} prints it, so the page cannot
 * drift from the code. The build runs it in the {@code pre-site} phase of mortal-cli (see its {@code pom.xml}).
 */
public final class CliReference {
    private CliReference() {
    }

    /**
     * @param root the {@code mortal} command line
     * @return the page in Markdown: a table of commands, the exit statuses, then every command's usage help
     */
    public static String markdown(CommandLine root) {
        StringBuilder b = new StringBuilder();
        b.append("# Command-line reference\n\n");
        b.append("Generated from the picocli definitions of `mortal` when the site is built "
                + "(`org.dl4jmortal.samples.cli.CliReference`); `./mortal help COMMAND` prints the same text. "
                + "Plugin jars added with `MORTAL_CLASSPATH` extend the names the commands accept "
                + "(`./mortal plugins` lists them).\n\n");
        b.append("| command | what it does |\n|---|---|\n");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            String[] description = e.getValue().getCommandSpec().usageMessage().description();
            b.append("| `mortal ").append(e.getKey()).append("` | ")
                    .append(description.length == 0 ? "" : description[0].replace("|", "\\|")).append(" |\n");
        }
        b.append("\n## Exit status\n\n| status | meaning |\n|---|---|\n")
                .append("| ").append(MortalCommand.EXIT_OK).append(" | success |\n")
                .append("| ").append(MortalCommand.EXIT_FAILURE)
                .append(" | an unexpected failure (with its stack trace) |\n")
                .append("| ").append(MortalCommand.EXIT_USAGE).append(" | bad option syntax |\n")
                .append("| ").append(MortalCommand.EXIT_BAD_INPUT)
                .append(" | an unusable value or file; the message says which and what is allowed |\n")
                .append("| 4 | `taps`: NaN values were read at a tap (`--allow-nan` writes them) |\n");
        b.append("\n## mortal\n\n```\n").append(usage(root)).append("```\n");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            b.append("\n## mortal ").append(e.getKey()).append("\n\n```\n").append(usage(e.getValue())).append("```\n");
        }
        return b.toString();
    }

    private static String usage(CommandLine cl) {
        String text = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        return text.endsWith("\n") ? text : text + "\n";
    }

    /**
     * @param args one argument: the Markdown file to write (its folder is created)
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if not exactly one argument is given
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CliReference OUTPUT.md");
        }
        Path out = Paths.get(args[0]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, markdown(MortalCommand.commandLine()), StandardCharsets.UTF_8);
    }
}
