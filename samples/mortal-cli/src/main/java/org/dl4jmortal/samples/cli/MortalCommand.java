package org.dl4jmortal.samples.cli;

import java.io.PrintWriter;
import org.dl4jmortal.samples.data.IdxFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;

/**
 * The root command {@code mortal}. Subcommands: {@code help}, {@code version}, {@code demo}. Errors caused by the
 * user's input (a {@link UserInputException}, a corrupt data file, an unknown name) print one line
 * {@code mortal: error: ...} and exit with {@value #EXIT_BAD_INPUT}; option syntax errors exit with
 * {@value #EXIT_USAGE}; anything else prints its stack trace and exits with {@value #EXIT_FAILURE}.
 */
@Command(name = "mortal", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 110,
        description = "Analog in-memory computing for Deeplearning4j: simulate mortal (PCM) chips and copy "
                + "knowledge out of them.",
        subcommands = {HelpCommand.class, VersionCommand.class, DemoCommand.class, EvaluateCommand.class,
            ConvertCommand.class, TrainCommand.class, TapsCommand.class, DeviceCommand.class, ReconstructCommand.class, PluginsCommand.class,
            BenchCommand.class, DistillCommand.class, CloneCommand.class},
        footerHeading = "%nEnvironment (read by ./mortal):%n",
        footer = {"  MORTAL_JAVA_OPTS  extra JVM options, placed after the defaults so that they win;",
            "                    defaults: -Xmx4g -Dorg.bytedeco.javacpp.maxbytes=3g",
            "                    -Dorg.bytedeco.javacpp.maxphysicalbytes=8g",
            "                    example: MORTAL_JAVA_OPTS='-Xmx8g -Dorg.bytedeco.javacpp.maxphysicalbytes=14g'",
            "  MORTAL_THREADS    native threads (OMP_NUM_THREADS), fixed so that the same seed gives",
            "                    the same numbers; default 2",
            "  MORTAL_CLASSPATH  plugin jars to add, separated by ':' (see 'mortal plugins'), e.g.",
            "                    MORTAL_CLASSPATH=samples/plugin-sample/target/plugin-sample-0.1.0-SNAPSHOT.jar",
            "%nData: the embedded Fashion-MNIST subset (10,000 training, 2,000 test images) by default;",
            "--data full after 'apt-get install dataset-fashion-mnist', or --data DIR."})
public final class MortalCommand implements Runnable {
    /** Exit status of a successful run. */
    public static final int EXIT_OK = 0;
    /** Exit status after an unexpected failure. */
    public static final int EXIT_FAILURE = 1;
    /** Exit status for bad option syntax (picocli's usage error). */
    public static final int EXIT_USAGE = 2;
    /** Exit status for unusable input values or files. */
    public static final int EXIT_BAD_INPUT = 3;

    @Option(names = {"-v", "--verbose"}, description = "log progress details to standard error")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: print the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * @return a command line for {@code mortal} with its error handling installed
     */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new MortalCommand()));
    }

    /**
     * Installs the error handling of {@code mortal} on a command line (also for tests that build commands with
     * their own factory).
     *
     * @param cl the command line
     * @return {@code cl}
     */
    public static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (isUserError(ex)) {
                err.println("mortal: error: " + ex.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            ex.printStackTrace(err);
            err.flush();
            return EXIT_FAILURE;
        });
        return cl;
    }

    private static boolean isUserError(Throwable ex) {
        return ex instanceof UserInputException || ex instanceof IdxFormatException
                || ex instanceof IllegalStateException || ex instanceof IllegalArgumentException;
    }

    /**
     * Sets slf4j-simple's level before any logger exists: {@code info} with {@code -v}/{@code --verbose}, else the
     * quiet default of {@code simplelogger.properties} ({@code warn}).
     *
     * @param args the command-line arguments
     */
    static void configureLogging(String[] args) {
        for (String a : args) {
            if (a.equals("-v") || a.equals("--verbose")) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            }
            if (a.equals("--")) {
                break;
            }
        }
    }

    /**
     * The program entry point of {@code ./mortal}.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        configureLogging(args);
        System.setProperty("java.awt.headless", "true");
        int status = commandLine().execute(args);
        System.exit(status);
    }
}
