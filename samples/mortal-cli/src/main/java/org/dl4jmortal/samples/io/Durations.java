package org.dl4jmortal.samples.io;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times since programming as the command line writes them: a non-negative decimal number followed by an optional
 * unit, {@code s} (seconds, the default), {@code h} (3,600 s), {@code d} (86,400 s) or {@code y} (365 days =
 * 31,536,000 s). Examples: {@code 1s}, {@code 1h}, {@code 1d}, {@code 30d}, {@code 1y}, {@code 2.5h}, {@code 90}.
 */
public final class Durations {
    /** One hour in seconds. */
    public static final long HOUR = 3_600L;
    /** One day in seconds. */
    public static final long DAY = 86_400L;
    /** One year (365 days) in seconds. */
    public static final long YEAR = 365L * DAY;
    /** The allowed forms, for error messages. */
    public static final String ALLOWED = "a non-negative number with an optional unit s, h, d or y (y = 365 days), "
            + "for example 1s, 1h, 1d, 30d, 1y, 2.5h or 90 (seconds)";

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)([shdy]?)");

    private Durations() {
    }

    /**
     * @param text the duration as written, surrounding blanks ignored, unit letters in either case
     * @return the duration in seconds, finite and {@code >= 0}
     * @throws IllegalArgumentException if the text is empty, negative, NaN, infinite, or not of the allowed form;
     *                                  the message names the value and {@link #ALLOWED}
     */
    public static double parseSeconds(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing duration; expected " + ALLOWED);
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "'; expected " + ALLOWED);
        }
        double value = Double.parseDouble(m.group(1));
        double seconds = switch (m.group(2)) {
            case "h" -> value * HOUR;
            case "d" -> value * DAY;
            case "y" -> value * YEAR;
            default -> value;
        };
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("duration '" + text + "' is too large; expected " + ALLOWED);
        }
        return seconds;
    }

    /**
     * A short label for a time: the largest of y, d, h that divides it exactly, else seconds.
     *
     * @param seconds a time in seconds, {@code >= 0}
     * @return for example {@code 1 s}, {@code 1 h}, {@code 30 d}, {@code 1 y}
     */
    public static String label(double seconds) {
        if (seconds > 0 && seconds == Math.rint(seconds)) {
            long s = (long) seconds;
            if (s % YEAR == 0) {
                return s / YEAR + " y";
            }
            if (s % DAY == 0) {
                return s / DAY + " d";
            }
            if (s % HOUR == 0) {
                return s / HOUR + " h";
            }
            return s + " s";
        }
        return String.format(Locale.ROOT, "%g s", seconds);
    }
}
