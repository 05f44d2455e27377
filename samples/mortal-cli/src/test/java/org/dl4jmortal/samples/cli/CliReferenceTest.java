package org.dl4jmortal.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliReferenceTest {

    @Test
    void everyCommandHasARowAndItsUsageHelpVerbatim(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("site").resolve("cli.md");
        CliReference.main(new String[]{page.toString()});
        String md = Files.readString(page);
        CommandLine root = MortalCommand.commandLine();
        assertTrue(md.startsWith("# Command-line reference\n"), md);
        for (String name : root.getSubcommands().keySet()) {
            assertTrue(md.contains("| `mortal " + name + "` |"), "table row of " + name);
            assertTrue(md.contains("\n## mortal " + name + "\n"), "section of " + name);
            String usage = root.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(md.contains(usage), "usage help of " + name + " verbatim");
        }
        assertTrue(md.contains("| 3 | an unusable value or file"), md);
        long fences = md.lines().filter(l -> l.equals("```")).count();
        assertEquals(0, fences % 2, "code fences are balanced");
    }

    @Test
    void needsExactlyOneOutputFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CliReference.main(new String[0]));
        assertEquals("usage: CliReference OUTPUT.md", e.getMessage());
    }
}
