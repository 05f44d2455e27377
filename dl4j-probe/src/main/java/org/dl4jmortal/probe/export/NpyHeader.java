package org.dl4jmortal.probe.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NPY format version 1.0 header for a C-ordered little-endian float32 matrix (NumPy Enhancement Proposal 1,
 * "A simple file format for NumPy arrays", and {@code numpy/lib/format.py}): the magic {@code \x93NUMPY}, version
 * bytes {@code 1, 0}, a little-endian {@code uint16} header length, then an ASCII Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (rows, width), }} padded with spaces and ended by
 * {@code \n} so that the data starts at a multiple of 64 bytes.
 * <p>
 * The header of a given width always has the same size whatever the row count (the padding leaves room for a
 * 19-digit row count), so the row count can be fixed in place when a streamed file is finished.
 */
public final class NpyHeader {
    /** The six magic bytes. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DICT = Pattern.compile(
            "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), \\} *\n");

    private NpyHeader() {
    }

    private static String dict(long rows, int width) {
        return "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + width + "), }";
    }

    /**
     * @param width values per row, {@code > 0}
     * @return total header bytes (magic to newline) for this width, a multiple of 64
     */
    public static int size(int width) {
        int longest = 10 + dict(Long.MAX_VALUE, width).length() + 1;
        return (longest + 63) / 64 * 64;
    }

    /**
     * @param rows  row count to state, {@code >= 0}
     * @param width values per row, {@code > 0}
     * @return the header bytes, exactly {@link #size(int)} long
     */
    public static byte[] encode(long rows, int width) {
        int total = size(width);
        String d = dict(rows, width);
        StringBuilder sb = new StringBuilder(d);
        while (10 + sb.length() + 1 < total) {
            sb.append(' ');
        }
        sb.append('\n');
        ByteBuffer bb = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) (total - 10));
        bb.put(sb.toString().getBytes(StandardCharsets.US_ASCII));
        return bb.array();
    }

    /**
     * A parsed header.
     *
     * @param headerBytes total header size in bytes
     * @param rows        the stated row count
     * @param width       the stated columns
     */
    public record Parsed(int headerBytes, long rows, int width) {
    }

    /**
     * Parses a header this class wrote (strictly: version 1.0, {@code '<f4'}, C order, a 2-D shape).
     *
     * @param head at least the first {@code 10 + HEADER_LEN} bytes of the file
     * @return the header's fields
     * @throws IOException if the bytes are not such a header (the message says which part is wrong)
     */
    public static Parsed parse(byte[] head) throws IOException {
        if (head.length < 10) {
            throw new IOException("not an NPY file: " + head.length + " bytes, shorter than the 10-byte preamble");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                throw new IOException("not an NPY file: the magic string \\x93NUMPY is missing");
            }
        }
        if (head[6] != 1 || head[7] != 0) {
            throw new IOException("unsupported NPY version " + head[6] + "." + head[7] + "; expected 1.0");
        }
        int len = (head[8] & 0xff) | (head[9] & 0xff) << 8;
        if (head.length < 10 + len) {
            throw new IOException("NPY header truncated: states " + len + " bytes, " + (head.length - 10) + " present");
        }
        String dict = new String(head, 10, len, StandardCharsets.US_ASCII);
        Matcher m = DICT.matcher(dict);
        if (!m.matches()) {
            throw new IOException("NPY header is not a C-ordered '<f4' matrix header: " + dict.strip());
        }
        return new Parsed(10 + len, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
    }
}
