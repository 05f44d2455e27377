package org.dl4jmortal.samples.cli;

import org.dl4jmortal.samples.io.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts {@code --at} values to seconds with {@link Durations#parseSeconds(String)}.
 */
public final class DurationConverter implements ITypeConverter<Double> {
    /**
     * @param value the text, for example {@code 30d}
     * @return seconds, finite and {@code >= 0}
     * @throws TypeConversionException naming the value and the allowed forms
     */
    @Override
    public Double convert(String value) {
        try {
            return Durations.parseSeconds(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
