package org.dl4jmortal.samples.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Option;

/**
 * The {@code --out DIR} option (a picocli mixin): the folder a command writes to. {@link #prepare(String)} creates it
 * and proves it writable by creating and deleting a probe file, before the command does any work.
 */
public final class OutputOption {
    @Option(names = "--out", paramLabel = "DIR", description = "output folder (created if missing; default: ${DEFAULT-VALUE:-out/<command>})")
    Path out;

    /**
     * @param defaultFolder the folder used when {@code --out} is absent, for example {@code out/demo}
     * @return the absolute, existing, writable folder
     * @throws UserInputException if the folder cannot be created or written, naming it and the reason
     */
    public Path prepare(String defaultFolder) {
        return prepare(out != null ? out : Paths.get(defaultFolder));
    }

    /**
     * @param folder the wanted folder
     * @return the absolute, existing, writable folder
     * @throws UserInputException if the folder cannot be created or written, naming it and the reason
     */
    public static Path prepare(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException("--out " + folder + ": this is a file, not a folder; give a folder that "
                    + "exists and is writable, or one that can be created");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UserInputException("--out " + folder + ": cannot create the folder because " + e.getFile()
                    + " is a file; give a folder that exists and is writable, or one that can be created");
        } catch (IOException | SecurityException e) {
            throw new UserInputException("--out " + folder + ": cannot create the folder (" + reason(e)
                    + "); give a folder that exists and is writable, or one that can be created");
        }
        try {
            Path probe = Files.createTempFile(dir, ".mortal-write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserInputException("--out " + folder + ": the folder is not writable (" + reason(e)
                    + "); give a folder you can write to");
        }
        return dir;
    }

    private static String reason(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
