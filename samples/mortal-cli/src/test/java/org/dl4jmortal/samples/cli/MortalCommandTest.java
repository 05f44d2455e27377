package org.dl4jmortal.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MortalCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }

    /** The root command with a demo whose chip steps must never be reached. */
    private static CommandLine withUnreachableSteps(PrintStream table) {
        CommandLine cl = MortalCommand.commandLine();
        CommandLine.IFactory factory = CommandLine.defaultFactory();
        CommandLine demo = MortalCommand.configure(new CommandLine(new DemoCommand(() -> {
            throw new AssertionError("the analog steps must not be reached");
        }, table), factory));
        cl.getCommandSpec().removeSubcommand("demo");
        cl.addSubcommand("demo", demo);
        return cl;
    }

    @Test
    void versionAndHelpWork() {
        Outcome v = run(MortalCommand.commandLine(), "version");
        assertEquals(0, v.status());
        assertTrue(v.out().contains("Deeplearning4j/ND4J 1.0.0-M2.1"), v.out());
        Outcome h = run(MortalCommand.commandLine(), "--help");
        assertEquals(0, h.status());
        assertTrue(h.out().contains("demo"), h.out());
        assertTrue(h.out().contains("MORTAL_JAVA_OPTS"), h.out());
        Outcome hd = run(MortalCommand.commandLine(), "help", "demo");
        assertEquals(0, hd.status());
        assertTrue(hd.out().contains("--data"), hd.out());
    }

    @Test
    void unwritableOutputIsRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        Outcome o = run(withUnreachableSteps(new PrintStream(table)), "demo", "--out", file.toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().startsWith("mortal: error: --out " + file), o.err());
        assertFalse(o.err().contains("at org."), "no stack trace for bad input: " + o.err());
        assertEquals(0, table.size());
    }

    @Test
    void missingDataFolderIsRefusedBeforeAnyWork() {
        Path nowhere = dir.resolve("nowhere");
        Outcome o = run(withUnreachableSteps(new PrintStream(new ByteArrayOutputStream())), "demo", "--out",
                dir.resolve("o").toString(), "--data", nowhere.toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains("--data " + nowhere + ": no such folder"), o.err());
    }

    @Test
    void badNumbersAreRefused() {
        Outcome o = run(withUnreachableSteps(new PrintStream(new ByteArrayOutputStream())), "demo", "--out",
                dir.resolve("o").toString(), "--epochs", "0");
        assertEquals(MortalCommand.EXIT_BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains("--epochs must be >= 1, got 0"), o.err());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Outcome o = run(MortalCommand.commandLine(), "fly");
        assertEquals(MortalCommand.EXIT_USAGE, o.status());
        assertTrue(o.err().contains("fly"), o.err());
    }
}
