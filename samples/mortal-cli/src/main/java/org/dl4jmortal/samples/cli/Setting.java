package org.dl4jmortal.samples.cli;

import java.util.regex.Pattern;

/**
 * One {@code --set key=value} override of a device or periphery parameter: a parameter name and a finite number.
 *
 * @param key   the parameter name, for example {@code outputBits}
 * @param value its value
 */
public record Setting(String key, double value) {
    /** The allowed form, for error messages. */
    public static final String ALLOWED = "KEY=VALUE with KEY a parameter name (letters, digits, '.', '_', starting "
            + "with a letter) and VALUE a finite number, for example --set outputBits=8 or --set readNoise=0";
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

    /**
     * @param text {@code key=value}
     * @return the setting
     * @throws IllegalArgumentException if the form, the key or the number is bad, naming the text and
     *                                  {@link #ALLOWED}
     */
    public static Setting parse(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("invalid setting '" + text + "': no '='; expected " + ALLOWED);
        }
        String key = text.substring(0, eq).trim();
        String number = text.substring(eq + 1).trim();
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid setting '" + text + "': bad key '" + key + "'; expected "
                    + ALLOWED);
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid setting '" + text + "': '" + number + "' is not a number; "
                    + "expected " + ALLOWED);
        }
        if (!Double.isFinite(value) || number.matches("(?i).*(nan|infinity).*")) {
            throw new IllegalArgumentException("invalid setting '" + text + "': the value must be finite; expected "
                    + ALLOWED);
        }
        return new Setting(key, value);
    }
}
