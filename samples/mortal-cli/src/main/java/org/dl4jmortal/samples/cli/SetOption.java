package org.dl4jmortal.samples.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The repeatable {@code --set key=value} option (a picocli mixin): overrides of device and periphery parameters.
 * Which keys exist is the device's business (it rejects unknown ones, listing the known); this option checks the
 * form ({@link Setting#parse(String)}) and that no key is given twice.
 */
public final class SetOption {
    @Option(names = "--set", paramLabel = "KEY=VALUE", converter = SettingConverter.class,
            description = "override a device or periphery parameter, repeatable, e.g. --set outputBits=8 "
                    + "--set readNoise=0")
    List<Setting> settings = new ArrayList<>();

    /**
     * @return the overrides in command-line order
     * @throws UserInputException if a key is given twice (naming it and both values)
     */
    public Map<String, Double> values() {
        return toMap(settings);
    }

    /**
     * @param settings parsed settings, in order
     * @return key to value, in order
     * @throws UserInputException if a key appears twice
     */
    public static Map<String, Double> toMap(List<Setting> settings) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Setting s : settings) {
            Double previous = map.put(s.key(), s.value());
            if (previous != null) {
                throw new UserInputException("--set " + s.key() + " is given twice (" + previous + " and "
                        + s.value() + "); give each key once");
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** picocli converter for one {@code --set} value. */
    public static final class SettingConverter implements ITypeConverter<Setting> {
        /**
         * @param value {@code key=value}
         * @return the setting
         * @throws TypeConversionException naming the value and the allowed form
         */
        @Override
        public Setting convert(String value) {
            try {
                return Setting.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
