package org.dl4jmortal.samples.data;

import java.io.IOException;

/**
 * An IDX file that cannot be read as the images or labels it should hold: wrong magic number, a header with
 * impossible sizes, too few or too many bytes, or image and label files that disagree. The message names the file,
 * the byte offset (in the uncompressed stream) and what is allowed.
 */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the complete, user-facing explanation (file, offset, what was expected)
     */
    public IdxFormatException(String message) {
        super(message);
    }
}
