package org.dl4jmortal.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputOptionTest {
    @TempDir
    Path dir;

    @Test
    void createsMissingFolders() {
        Path wanted = dir.resolve("a/b/c");
        assertEquals(wanted.toAbsolutePath().normalize(), OutputOption.prepare(wanted));
        assertTrue(Files.isDirectory(wanted));
        try (var files = Files.list(wanted)) {
            assertEquals(0, files.count(), "the write probe must be removed");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFileIsNotAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("results"), "x");
        UserInputException e = assertThrows(UserInputException.class, () -> OutputOption.prepare(file));
        assertTrue(e.getMessage().contains("--out " + file), e.getMessage());
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
    }

    @Test
    void aFolderUnderAFileCannotBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("blocker"), "x");
        Path under = file.resolve("out/demo");
        UserInputException e = assertThrows(UserInputException.class, () -> OutputOption.prepare(under));
        assertTrue(e.getMessage().contains("--out " + under), e.getMessage());
        assertTrue(e.getMessage().contains("cannot create the folder"), e.getMessage());
    }

    @Test
    void aFolderInAReadOnlyFileSystemIsRefused() {
        // /proc refuses new entries even for root (a chmod-based test would pass silently as root)
        Path proc = Paths.get("/proc/mortal-output-test");
        UserInputException e = assertThrows(UserInputException.class, () -> OutputOption.prepare(proc));
        assertTrue(e.getMessage().contains("--out /proc/mortal-output-test"), e.getMessage());
    }
}
