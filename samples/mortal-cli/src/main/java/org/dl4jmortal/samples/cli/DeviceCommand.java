package org.dl4jmortal.samples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.dl4jmortal.analog.device.DeviceCurve;
import org.dl4jmortal.analog.device.DeviceResponse;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginException;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mortal device --name NAME [--out DIR] [--pulses N] [--devices N] [--seed N] [--set k=v ...]} (issue 3
 * item 4): drives {@code --devices} simulated devices of a pulsed device model, all starting at {@code w = 0}, with
 * {@code --pulses} single up pulses then as many single down pulses ({@link DeviceResponse#curve}), and writes
 * {@code device.json} (device, parameters, seed and per pulse number the mean, std, min and max of {@code w} in
 * device units) and {@code device.png} (mean and mean ± std against pulse number, XChart). Files appear atomically
 * (written to a temporary name, then renamed). Exit codes: 0 success, 2 bad input (unknown device, a device
 * without pulse rule, a bad parameter; the message says what is allowed), 1 an I/O failure.
 */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Plot a pulsed device's response: N up pulses then N down pulses (device.json, device.png).")
public final class DeviceCommand implements Callable<Integer> {
    /** Default number of devices. */
    public static final int DEFAULT_DEVICES = 1000;
    /** Largest automatic number of pulses. */
    public static final int MAX_AUTO_PULSES = 10_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--name", required = true, description = "registered pulsed device, e.g. soft-bounds, reram-es")
    private String name;

    @Option(names = "--out", defaultValue = "out/device", description = "output folder (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--pulses", description = "up pulses (and as many down pulses); default: ceil((wMax - wMin) / dwMin),"
            + " at most " + MAX_AUTO_PULSES)
    private Integer pulses;

    @Option(names = "--devices", defaultValue = "" + DEFAULT_DEVICES, description = "devices driven (default: ${DEFAULT-VALUE})")
    private int devices;

    @Option(names = "--seed", defaultValue = "42", description = "seed of device draw and noise (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--set", description = "device parameter override name=value, repeatable (e.g. --set dwMinStd=0)")
    private Map<String, Double> set = new LinkedHashMap<>();

    /** Public no-argument constructor for picocli. */
    public DeviceCommand() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceCommand()).execute(args));
    }

    /**
     * @return 0 on success, 2 on bad input, 1 on an I/O failure
     */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        DeviceCurve curve;
        try {
            curve = curve(MortalRegistry.global(), name, set, pulses, devices, seed);
        } catch (IllegalArgumentException e) { // includes PluginException
            err.println("error: " + e.getMessage());
            return 2;
        }
        try {
            Files.createDirectories(out);
            writeJson(curve, out.resolve("device.json"));
            writePng(curve, out.resolve("device.png"));
        } catch (IOException e) {
            err.println("error: cannot write to " + out + ": " + e.getMessage());
            return 1;
        }
        List<DeviceCurve.Point> p = curve.points();
        DeviceCurve.Point top = p.get(curve.pulses());
        outWriter.printf("device %s: %d devices, %d pulses each way; after the up pulses mean w = %.4f (std %.4f), "
                        + "at the end %.4f (std %.4f); wrote %s and %s%n", curve.device(), curve.devices(), curve.pulses(),
                top.mean(), top.std(), p.get(p.size() - 1).mean(), p.get(p.size() - 1).std(),
                out.resolve("device.json"), out.resolve("device.png"));
        outWriter.flush();
        return 0;
    }

    /**
     * The curve this command computes, without writing anything.
     *
     * @param registry  where the device is looked up
     * @param name      device name
     * @param overrides device parameter overrides
     * @param pulses    pulses each way, or null for {@code ceil((wMax - wMin) / dwMin)} capped at 10000
     * @param devices   number of devices
     * @param seed      seed
     * @return the curve
     * @throws PluginException          if the name is not installed (lists the installed devices)
     * @throws IllegalArgumentException if the device has no pulse rule (names those that have one), an override is
     *                                  unknown or out of range, or a size is out of range
     */
    public static DeviceCurve curve(MortalRegistry registry, String name, Map<String, Double> overrides,
                                    Integer pulses, int devices, long seed) {
        DeviceModel device = registry.get(PluginKind.DEVICE, name);
        if (device.crosspointKind() != CrosspointKind.PULSED || device.pulsedPhysics(device.defaultParameters()).isEmpty()) {
            throw new IllegalArgumentException("device '" + name + "' has no pulse rule; devices with one: "
                    + pulsedNames(registry));
        }
        ParameterSet p = device.defaultParameters().withAll(overrides);
        int n = pulses != null ? pulses : autoPulses(device.pulsedPhysics(p).orElseThrow());
        return DeviceResponse.curve(device, p, devices, n, seed);
    }

    /**
     * @param registry a registry
     * @return the names of the installed devices with a pulse rule, sorted
     */
    public static TreeSet<String> pulsedNames(MortalRegistry registry) {
        TreeSet<String> names = new TreeSet<>();
        for (String n : registry.names(PluginKind.DEVICE)) {
            if (registry.get(PluginKind.DEVICE, n).crosspointKind() == CrosspointKind.PULSED) {
                names.add(n);
            }
        }
        return names;
    }

    /**
     * @param physics a pulsed device's rule (any plugin's: only the contract's mean bounds and step are used)
     * @return {@code ceil((wMax - wMin) / dwMin)} within {@code [10, MAX_AUTO_PULSES]}
     */
    private static int autoPulses(PulsedDevicePhysics physics) {
        double n = Math.ceil((physics.wMax() - physics.wMin()) / physics.dwMin());
        return (int) Math.max(10, Math.min(MAX_AUTO_PULSES, n));
    }

    private static void writeJson(DeviceCurve curve, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        mapper.writeValue(tmp.toFile(), curve);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writePng(DeviceCurve curve, Path file) throws IOException {
        int n = curve.points().size();
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] hi = new double[n];
        double[] lo = new double[n];
        for (int i = 0; i < n; i++) {
            DeviceCurve.Point p = curve.points().get(i);
            x[i] = p.pulse();
            mean[i] = p.mean();
            hi[i] = p.mean() + p.std();
            lo[i] = p.mean() - p.std();
        }
        XYChart chart = new XYChartBuilder().width(900).height(550)
                .title("device " + curve.device() + ": " + curve.pulses() + " up then " + curve.pulses()
                        + " down pulses, " + curve.devices() + " devices")
                .xAxisTitle("pulse number").yAxisTitle("w (device units)").build();
        chart.getStyler().setMarkerSize(0);
        XYSeries m = chart.addSeries("mean", x, mean);
        m.setMarker(SeriesMarkers.NONE);
        m.setLineColor(new Color(0, 90, 180));
        for (Object[] s : new Object[][]{{"mean + std", hi}, {"mean - std", lo}}) {
            XYSeries band = chart.addSeries((String) s[0], x, (double[]) s[1]);
            band.setMarker(SeriesMarkers.NONE);
            band.setLineColor(new Color(120, 160, 220));
            band.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{4f, 4f}, 0f));
        }
        String base = file.getFileName().toString().replaceFirst("\\.png$", "");
        Path tmpBase = file.resolveSibling(base + ".tmp");
        BitmapEncoder.saveBitmap(chart, tmpBase.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(file.resolveSibling(base + ".tmp.png"), file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
