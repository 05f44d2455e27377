package org.dl4jmortal.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict NPY reader written for the tests from the NPY format specification (NEP 1 / numpy.lib.format), independent
 * of the exporter's own header code: it parses the header dict as a Python literal (quoted keys and strings,
 * True/False, tuples of integers), checks every rule NumPy's loader applies, and returns the float32 data.
 */
public final class NpyFiles {
    private NpyFiles() {
    }

    /** A loaded array. */
    public record Loaded(long[] shape, float[] data, int headerLength, Map<String, Object> dict) {
    }

    public static Loaded load(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 10 || (all[0] & 0xff) != 0x93 || all[1] != 'N' || all[2] != 'U' || all[3] != 'M'
                || all[4] != 'P' || all[5] != 'Y') {
            throw new AssertionError("bad magic");
        }
        if (all[6] != 1 || all[7] != 0) {
            throw new AssertionError("version " + all[6] + "." + all[7]);
        }
        int hlen = ByteBuffer.wrap(all, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        int dataStart = 10 + hlen;
        if (dataStart % 64 != 0) {
            throw new AssertionError("data does not start at a multiple of 64: " + dataStart);
        }
        String header = new String(all, 10, hlen, StandardCharsets.ISO_8859_1);
        for (char c : header.toCharArray()) {
            if (c > 127) {
                throw new AssertionError("non-ASCII header");
            }
        }
        if (!header.endsWith("\n")) {
            throw new AssertionError("header does not end with a newline");
        }
        Map<String, Object> dict = new Parser(header.substring(0, header.length() - 1).stripTrailing()).dict();
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw new AssertionError("keys " + dict.keySet());
        }
        if (!"<f4".equals(dict.get("descr")) || !Boolean.FALSE.equals(dict.get("fortran_order"))) {
            throw new AssertionError("descr/fortran_order " + dict);
        }
        @SuppressWarnings("unchecked") List<Long> shapeList = (List<Long>) dict.get("shape");
        long[] shape = shapeList.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (all.length - dataStart != count * 4) {
            throw new AssertionError("data bytes " + (all.length - dataStart) + " != 4 * " + count);
        }
        float[] data = new float[(int) count];
        ByteBuffer.wrap(all, dataStart, (int) count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new Loaded(shape, data, hlen, dict);
    }

    /** A tiny recursive-descent parser for the Python literal subset NPY headers use. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        private void ws() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        private void expect(char c) {
            ws();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new AssertionError("expected '" + c + "' at " + i + " in " + s);
            }
            i++;
        }

        Map<String, Object> dict() {
            Map<String, Object> m = new LinkedHashMap<>();
            expect('{');
            while (true) {
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    break;
                }
                String k = string();
                expect(':');
                m.put(k, value());
                ws();
                if (s.charAt(i) == ',') {
                    i++;
                }
            }
            ws();
            if (i != s.length()) {
                throw new AssertionError("trailing text after the dict: " + s.substring(i));
            }
            return m;
        }

        private String string() {
            ws();
            char q = s.charAt(i);
            if (q != '\'' && q != '"') {
                throw new AssertionError("expected a string at " + i);
            }
            int end = s.indexOf(q, i + 1);
            String v = s.substring(i + 1, end);
            i = end + 1;
            return v;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                return string();
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (c == '(') {
                i++;
                List<Long> t = new ArrayList<>();
                while (true) {
                    ws();
                    if (s.charAt(i) == ')') {
                        i++;
                        return t;
                    }
                    int st = i;
                    while (Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                    t.add(Long.parseLong(s.substring(st, i)));
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    }
                }
            }
            throw new AssertionError("unexpected value at " + i + " in " + s);
        }
    }
}
