package org.dl4jmortal.samples.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX image files (magic 2051) and label files (magic 2049), raw or gzip-compressed. Compression is detected
 * from the first two bytes (gzip's {@code 0x1f 0x8b}, RFC 1952), not from the file name. Every defect is reported as
 * an {@link IdxFormatException} naming the file, the byte offset in the uncompressed stream and what is allowed;
 * trailing bytes after the declared data are a defect too.
 */
public final class IdxReader {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private IdxReader() {
    }

    /**
     * Reads an image file.
     *
     * @param file an IDX file of magic 2051, optionally gzip-compressed
     * @return the images in file order
     * @throws IdxFormatException if the magic, header sizes or length are wrong
     * @throws IOException        if the file cannot be read
     */
    public static IdxImages readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        }
    }

    /**
     * Reads an image stream.
     *
     * @param raw  the (optionally gzip-compressed) IDX bytes; not closed
     * @param name the name used in error messages (file path or resource name)
     * @return the images
     * @throws IdxFormatException if the magic, header sizes or length are wrong
     * @throws IOException        if the stream cannot be read
     */
    public static IdxImages readImages(InputStream raw, String name) throws IOException {
        DataInputStream in = new DataInputStream(decompressed(raw, name));
        int magic = header(in, name, 0, "magic number");
        if (magic != IdxFormat.IMAGES_MAGIC) {
            throw badMagic(name, magic, IdxFormat.IMAGES_MAGIC, "unsigned-byte images of rank 3");
        }
        int count = header(in, name, 4, "image count");
        int rows = header(in, name, 8, "row count");
        int columns = header(in, name, 12, "column count");
        if (count < 0 || rows < 1 || columns < 1) {
            throw new IdxFormatException(name + ": header at bytes 4-15 declares " + count + " images of " + rows + "x"
                    + columns + " pixels; allowed: count >= 0, rows >= 1, columns >= 1");
        }
        long expected = (long) count * rows * columns;
        if (expected > Integer.MAX_VALUE - 16) {
            throw new IdxFormatException(name + ": header declares " + count + " images of " + rows + "x" + columns
                    + " = " + expected + " bytes of pixels; at most " + (Integer.MAX_VALUE - 16) + " are supported");
        }
        byte[] pixels = body(in, name, IdxFormat.IMAGES_HEADER_BYTES, (int) expected,
                count + " images of " + rows + "x" + columns + " pixels");
        return new IdxImages(count, rows, columns, pixels);
    }

    /**
     * Reads a label file.
     *
     * @param file an IDX file of magic 2049, optionally gzip-compressed
     * @return one unsigned byte per label, in file order
     * @throws IdxFormatException if the magic, header or length are wrong
     * @throws IOException        if the file cannot be read
     */
    public static byte[] readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        }
    }

    /**
     * Reads a label stream.
     *
     * @param raw  the (optionally gzip-compressed) IDX bytes; not closed
     * @param name the name used in error messages
     * @return one unsigned byte per label
     * @throws IdxFormatException if the magic, header or length are wrong
     * @throws IOException        if the stream cannot be read
     */
    public static byte[] readLabels(InputStream raw, String name) throws IOException {
        DataInputStream in = new DataInputStream(decompressed(raw, name));
        int magic = header(in, name, 0, "magic number");
        if (magic != IdxFormat.LABELS_MAGIC) {
            throw badMagic(name, magic, IdxFormat.LABELS_MAGIC, "unsigned-byte labels of rank 1");
        }
        int count = header(in, name, 4, "label count");
        if (count < 0) {
            throw new IdxFormatException(name + ": header at bytes 4-7 declares " + count
                    + " labels; allowed: count >= 0");
        }
        return body(in, name, IdxFormat.LABELS_HEADER_BYTES, count, count + " labels");
    }

    private static InputStream decompressed(InputStream raw, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
            try {
                return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
            } catch (IOException e) {
                throw new IdxFormatException(name + ": starts with the gzip signature 1f 8b but its gzip header is "
                        + "damaged (" + e.getMessage() + "); allowed: a raw IDX file or a valid gzip of one");
            }
        }
        return buffered;
    }

    private static int header(DataInputStream in, String name, int offset, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(name + ": file ends inside the header, before the " + what + " at byte "
                    + offset + " (uncompressed); an IDX header is 8 bytes for labels and 16 bytes for images");
        } catch (IOException e) {
            throw corruptGzip(name, offset, e);
        }
    }

    private static byte[] body(DataInputStream in, String name, int headerBytes, int length, String declared)
            throws IOException {
        byte[] data;
        int extra;
        try {
            data = in.readNBytes(length);
            extra = data.length == length ? in.read() : -1;
        } catch (IOException e) {
            throw corruptGzip(name, headerBytes, e);
        }
        if (data.length < length) {
            throw new IdxFormatException(name + ": truncated: data ends at byte " + (headerBytes + data.length)
                    + " (uncompressed) but the header declares " + declared + ", so the file must hold exactly "
                    + (headerBytes + (long) length) + " bytes");
        }
        if (extra != -1) {
            throw new IdxFormatException(name + ": unexpected data after byte " + (headerBytes + (long) length)
                    + " (uncompressed): the header declares " + declared + ", so the file must end there");
        }
        return data;
    }

    private static IdxFormatException badMagic(String name, int magic, int expected, String meaning) {
        return new IdxFormatException(String.format(
                "%s: magic number at byte 0 is %d (0x%08x); expected %d (0x%08x, IDX %s), raw or gzip-compressed",
                name, magic, magic, expected, expected, meaning));
    }

    private static IdxFormatException corruptGzip(String name, int offset, IOException cause) {
        IdxFormatException e = new IdxFormatException(name + ": the gzip stream is corrupt near uncompressed byte "
                + offset + " (" + cause.getMessage() + "); allowed: a raw IDX file or a valid gzip of one");
        e.initCause(cause);
        return e;
    }
}
