package org.dl4jmortal.samples.data;

/**
 * Constants of the IDX file format (LeCun, Cortes &amp; Burges, the MNIST database, "file formats"): a big-endian
 * header of a 4-byte magic number ({@code 0x0000 | type 0x08 (unsigned byte) | rank}) followed by one 4-byte size per
 * dimension, then the data. Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017) uses the same format and names.
 */
public final class IdxFormat {
    /** Magic number of an unsigned-byte rank-3 file (images): {@code 0x00000803}. */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an unsigned-byte rank-1 file (labels): {@code 0x00000801}. */
    public static final int LABELS_MAGIC = 2049;
    /** Header length in bytes of an image file: magic, count, rows, columns. */
    public static final int IMAGES_HEADER_BYTES = 16;
    /** Header length in bytes of a label file: magic, count. */
    public static final int LABELS_HEADER_BYTES = 8;

    private IdxFormat() {
    }
}
