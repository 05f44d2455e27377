package org.dl4jmortal.probe.record;

import java.nio.file.Path;

/** Turns tap names into file names inside an export folder, refusing any name that could leave the folder. */
public final class TapFileNames {
    /** Suffix of files still being written. */
    public static final String PART = ".part";

    private TapFileNames() {
    }

    /**
     * @param dir       the export folder
     * @param tapName   a tap name
     * @param extension the exporter's extension without the dot
     * @return {@code dir/<tapName>.<extension>}
     * @throws IllegalArgumentException if the tap name is empty, holds a path separator ({@code /} or {@code \}),
     *                                  a NUL character or {@code ..}, or starts with a dot, or the resolved path is
     *                                  not directly inside {@code dir}; the message names the tap and the rule
     */
    public static Path fileFor(Path dir, String tapName, String extension) {
        String why = null;
        if (tapName.isEmpty()) {
            why = "it is empty";
        } else if (tapName.indexOf('/') >= 0 || tapName.indexOf('\\') >= 0) {
            why = "it holds a path separator";
        } else if (tapName.indexOf('\0') >= 0) {
            why = "it holds a NUL character";
        } else if (tapName.contains("..")) {
            why = "it holds '..'";
        } else if (tapName.startsWith(".")) {
            why = "it starts with a dot";
        }
        Path base = dir.toAbsolutePath().normalize();
        if (why == null) {
            Path p = base.resolve(tapName + "." + extension).normalize();
            if (p.getParent() != null && p.getParent().equals(base)) {
                return p;
            }
            why = "it resolves outside the folder";
        }
        throw new IllegalArgumentException("tap name '" + tapName + "' cannot be used as a file name in " + base
                + ": " + why + " and could escape the output folder; rename the layer (letters, digits, '_', '-', "
                + "single dots)");
    }
}
