package org.dl4jmortal.probe.record;

/** How the recorder treats an output folder that already holds files. */
public enum OutputMode {
    /** The folder must be empty or absent; a previous export or foreign files are refused. */
    NEW,
    /** Continue the export described by the folder's {@code manifest.json}; other files are left alone. */
    RESUME,
    /** Delete the previous export's files (manifest, tap files, part files) and start again; other files are left alone. */
    FORCE
}
