package org.dl4jmortal.samples.data;

import java.util.Objects;

/**
 * The content of an IDX image file (magic 2051): {@code count} greyscale images of {@code rows x columns} unsigned
 * bytes, row-major, in file order. Immutable: the pixel array is never handed out.
 */
public final class IdxImages {
    private final int count;
    private final int rows;
    private final int columns;
    private final byte[] pixels;

    /**
     * @param count   number of images, {@code >= 0}
     * @param rows    pixel rows per image, {@code >= 1}
     * @param columns pixel columns per image, {@code >= 1}
     * @param pixels  {@code count * rows * columns} unsigned bytes (copied)
     * @throws IllegalArgumentException if a size is out of range or the array length does not match
     */
    public IdxImages(int count, int rows, int columns, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || rows < 1 || columns < 1) {
            throw new IllegalArgumentException("image count must be >= 0 and rows, columns >= 1; got count=" + count
                    + ", rows=" + rows + ", columns=" + columns);
        }
        if ((long) count * rows * columns != pixels.length) {
            throw new IllegalArgumentException("pixel array holds " + pixels.length + " bytes; " + count + " images of "
                    + rows + "x" + columns + " need " + (long) count * rows * columns);
        }
        this.count = count;
        this.rows = rows;
        this.columns = columns;
        this.pixels = pixels.clone();
    }

    /** @return number of images */
    public int count() {
        return count;
    }

    /** @return pixel rows per image */
    public int rows() {
        return rows;
    }

    /** @return pixel columns per image */
    public int columns() {
        return columns;
    }

    /** @return {@code rows * columns}, the number of features per image */
    public int pixelsPerImage() {
        return rows * columns;
    }

    /**
     * @param image index in {@code [0, count)}
     * @param pixel index in {@code [0, rows * columns)}, row-major
     * @return the grey level in {@code [0, 255]}
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public int pixel(int image, int pixel) {
        Objects.checkIndex(image, count);
        Objects.checkIndex(pixel, pixelsPerImage());
        return pixels[image * pixelsPerImage() + pixel] & 0xff;
    }

    /**
     * Copies one image's bytes into a buffer.
     *
     * @param image  index in {@code [0, count)}
     * @param target buffer of at least {@code offset + rows * columns} bytes
     * @param offset where to start writing in {@code target}
     * @throws IndexOutOfBoundsException if the index or the buffer is out of range
     */
    public void copyImage(int image, byte[] target, int offset) {
        Objects.checkIndex(image, count);
        System.arraycopy(pixels, image * pixelsPerImage(), target, offset, pixelsPerImage());
    }

    /**
     * Selects images by index.
     *
     * @param indices indices in {@code [0, count)}, in the order wanted
     * @return a new image set of {@code indices.length} images
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public IdxImages select(int[] indices) {
        int n = pixelsPerImage();
        byte[] out = new byte[indices.length * n];
        for (int i = 0; i < indices.length; i++) {
            copyImage(indices[i], out, i * n);
        }
        return new IdxImages(indices.length, rows, columns, out);
    }

    /** @return a copy of all pixels, {@code count * rows * columns} bytes, image after image */
    public byte[] pixels() {
        return pixels.clone();
    }
}
