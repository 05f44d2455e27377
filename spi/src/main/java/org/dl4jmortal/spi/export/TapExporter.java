package org.dl4jmortal.spi.export;

import java.io.IOException;
import java.nio.file.Path;
import org.dl4jmortal.spi.plugin.NamedPlugin;

/**
 * A tap-exporter plugin (DESIGN.md §2, §4): writes one tap's values, row by row, into one file (or one folder) in a
 * format, registered by name ({@code npy}, {@code csv}, {@code dl4j}) under
 * {@link org.dl4jmortal.spi.plugin.PluginKind#EXPORTER}. Implementations are stateless and thread-safe; each
 * {@link TapWriter} holds the state of one file.
 * <p>
 * Writers always write to the path they are given (the recorder passes a {@code .part} path and renames it when the
 * export is complete), and a partial file can be continued: {@link #completeRows} reports how many whole rows it
 * holds and {@link #resume} truncates it to a row count and continues, so that a resumed file is byte-identical
 * to one written without interruption.
 */
public interface TapExporter extends NamedPlugin {

    /**
     * @return the file name extension without the dot ({@code "npy"}); the recorder names a tap's file
     * {@code <tap>.<extension>}
     */
    String fileExtension();

    /**
     * Opens a new file.
     *
     * @param path where to write; must not exist
     * @param spec the tap's widths
     * @return a writer positioned at row 0
     * @throws IOException if the path exists or cannot be created
     */
    TapWriter create(Path path, TapFileSpec spec) throws IOException;

    /**
     * Counts the complete rows an existing partial (or finished) file holds; a trailing incomplete row does not
     * count.
     *
     * @param path the file
     * @param spec the widths it was written with
     * @return complete rows, {@code >= 0}
     * @throws IOException if the file is missing, unreadable, or not a file of this format and widths (the message
     *                     says what was found)
     */
    long completeRows(Path path, TapFileSpec spec) throws IOException;

    /**
     * Reopens a partial file, truncates it to {@code rows} rows and positions the writer after them.
     *
     * @param path the partial file
     * @param spec the widths it was written with
     * @param rows rows to keep, {@code 0 <= rows <= completeRows(path, spec)}
     * @return a writer whose {@link TapWriter#rows()} is {@code rows}
     * @throws IOException              if the file is not a valid partial file of this format
     * @throws IllegalArgumentException if {@code rows} is negative or more than the file holds
     */
    TapWriter resume(Path path, TapFileSpec spec, long rows) throws IOException;
}
