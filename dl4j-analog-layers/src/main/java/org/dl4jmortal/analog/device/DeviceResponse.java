package org.dl4jmortal.analog.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Device curves (issue 3 item 4): drives an array of pulsed devices, all starting at {@code w = 0}, with single up
 * pulses then single down pulses through the device's own {@link PulsedDevicePhysics#applyPulses} (one pulse per
 * call, so the per-pulse rule is exact: no closed-form train), and records the mean and spread of the state after
 * every pulse, as aihwkit's {@code plot_device} does. Pure function of its arguments; computed in double precision.
 */
public final class DeviceResponse {
    /** Largest number of devices or pulses accepted. */
    public static final int MAX_COUNT = 1_000_000;

    private DeviceResponse() {
    }

    /**
     * @param device     a pulsed device model
     * @param parameters its parameters (for example {@code device.defaultParameters().withAll(overrides)})
     * @param devices    number of devices, {@code 1 .. 1e6} (one row of that many columns, each with its own
     *                   device-to-device draw)
     * @param pulses     up pulses, then as many down pulses, {@code 1 .. 1e6}
     * @param seed       seed of the device draw (key {@code (seed, "device-curve/devices")}) and of the noise of
     *                   pulse {@code p} (key {@code (seed, "device-curve/pulse", p)})
     * @return {@code 2 pulses + 1} points of mean, std, min and max of the state (device units)
     * @throws IllegalArgumentException if the device has no pulse rule (such as {@code pcm}), a parameter is not
     *                                  allowed, or {@code devices} or {@code pulses} is out of range
     */
    public static DeviceCurve curve(DeviceModel device, ParameterSet parameters, int devices, int pulses, long seed) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(parameters, "parameters");
        if (devices < 1 || devices > MAX_COUNT) {
            throw new IllegalArgumentException("devices=" + devices + " is not allowed: use 1 .. " + MAX_COUNT);
        }
        if (pulses < 1 || pulses > MAX_COUNT) {
            throw new IllegalArgumentException("pulses=" + pulses + " is not allowed: use 1 .. " + MAX_COUNT);
        }
        PulsedDevicePhysics physics = device.pulsedPhysics(parameters).orElseThrow(() -> new IllegalArgumentException(
                "device '" + device.name() + "' has no pulse rule (it is " + device.crosspointKind()
                        + "); device curves need a pulsed device"));
        PulsedDevicePhysics.DeviceArrays arrays = physics.drawDevices(1, devices,
                KeyedRandom.key(seed, "device-curve/devices"));
        INDArray w = physics.clip(Nd4j.zeros(DataType.DOUBLE, 1, devices), arrays);
        INDArray one = Nd4j.ones(DataType.DOUBLE, 1, devices);
        INDArray none = Nd4j.zeros(DataType.DOUBLE, 1, devices);
        List<DeviceCurve.Point> points = new ArrayList<>(2 * pulses + 1);
        points.add(point(0, "start", w));
        for (int p = 1; p <= 2 * pulses; p++) {
            boolean up = p <= pulses;
            w = physics.applyPulses(w, up ? one : none, up ? none : one, arrays,
                    KeyedRandom.key(seed, "device-curve/pulse", p));
            points.add(point(p, up ? "up" : "down", w));
        }
        return new DeviceCurve(device.name(), parameters.values(), devices, pulses, seed, points);
    }

    /**
     * Curve with the device's default parameters.
     *
     * @see #curve(DeviceModel, ParameterSet, int, int, long)
     */
    public static DeviceCurve curve(DeviceModel device, int devices, int pulses, long seed) {
        return curve(device, device.defaultParameters(), devices, pulses, seed);
    }

    private static DeviceCurve.Point point(int pulse, String direction, INDArray w) {
        double std = w.length() > 1 ? w.stdNumber().doubleValue() : 0.0;
        return new DeviceCurve.Point(pulse, direction, w.meanNumber().doubleValue(), std,
                w.minNumber().doubleValue(), w.maxNumber().doubleValue());
    }
}
