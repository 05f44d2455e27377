package org.dl4jmortal.samples.copyout;

import java.io.IOException;
import org.dl4jmortal.analog.chip.AnalogChip;

/**
 * One way to make a readable copy of a mortal chip, seen only through its public face (queries and taps). The
 * sample runs every method of {@link CopyOut#copyMethods} on the same chip and programs a fleet from each copy.
 */
public interface CopyMethod {

    /** @return a short name for the report */
    String name();

    /**
     * @param chip the chip to copy; the method must not call its evaluation oracle
     * @param data the transfer and test data
     * @param seed seed of the method's random draws
     * @return the copy
     * @throws IOException              if a file the method writes cannot be written
     * @throws IllegalArgumentException if the chip cannot be copied this way (the message says why)
     */
    CopyResult copy(AnalogChip chip, CopyOutData data, long seed) throws IOException;
}
