package org.dl4jmortal.samples.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.dl4jmortal.samples.io.AtomicFiles;

/**
 * Writes IDX image (magic 2051) and label (magic 2049) files, gzip-compressed when the file name ends in
 * {@code .gz}. Files appear atomically ({@link AtomicFiles}). Java's gzip
 * header carries no time stamp, so the same content gives the same bytes.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /**
     * @param images the images to write
     * @param file   target; gzip-compressed if its name ends in {@code .gz}
     * @throws IOException if the file cannot be written
     */
    public static void writeImages(IdxImages images, Path file) throws IOException {
        write(file, out -> {
            out.writeInt(IdxFormat.IMAGES_MAGIC);
            out.writeInt(images.count());
            out.writeInt(images.rows());
            out.writeInt(images.columns());
            out.write(images.pixels());
        });
    }

    /**
     * @param labels one unsigned byte per label
     * @param file   target; gzip-compressed if its name ends in {@code .gz}
     * @throws IOException if the file cannot be written
     */
    public static void writeLabels(byte[] labels, Path file) throws IOException {
        write(file, out -> {
            out.writeInt(IdxFormat.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        });
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        AtomicFiles.write(file, raw -> {
            OutputStream maybeGzip = file.getFileName().toString().endsWith(".gz")
                    ? new GZIPOutputStream(raw, 1 << 16) : raw;
            DataOutputStream out = new DataOutputStream(maybeGzip);
            body.write(out);
            out.flush();
            if (maybeGzip instanceof GZIPOutputStream gzip) {
                gzip.finish();
            }
        });
    }
}
