package org.dl4jmortal.analog.device;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The response of an array of pulsed devices to {@code pulses} up pulses then {@code pulses} down pulses
 * ({@link DeviceResponse#curve}). Immutable.
 *
 * @param device     registered device name
 * @param parameters the device parameters in effect, name to value
 * @param devices    number of devices driven
 * @param pulses     number of up pulses (and of down pulses)
 * @param seed       seed of the device draw and of the cycle-to-cycle noise
 * @param points     {@code 2 pulses + 1} points: pulse number 0 (the start, all devices at {@code w = 0}), then one
 *                   per pulse
 */
public record DeviceCurve(String device, Map<String, Double> parameters, int devices, int pulses, long seed,
                          List<Point> points) {

    /** Copies the collections. */
    public DeviceCurve {
        Objects.requireNonNull(device, "device");
        parameters = Map.copyOf(parameters);
        points = List.copyOf(points);
    }

    /**
     * Statistics over all devices after one pulse number.
     *
     * @param pulse     pulse number, 0 for the start, {@code 1 .. pulses} up, {@code pulses + 1 .. 2 pulses} down
     * @param direction {@code "start"}, {@code "up"} or {@code "down"}: the direction of this pulse
     * @param mean      mean state (device units)
     * @param std       sample standard deviation of the state over the devices (device units; 0 for one device)
     * @param min       smallest state
     * @param max       largest state
     */
    public record Point(int pulse, String direction, double mean, double std, double min, double max) {
    }
}
