package org.dl4jmortal.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Supplier;
import org.dl4jmortal.analog.device.BuiltInDevicesPlugin;
import org.dl4jmortal.analog.device.PcmDeviceModel;
import org.dl4jmortal.analog.device.SoftBoundsDeviceModel;
import org.dl4jmortal.probe.export.NpyExporter;
import org.dl4jmortal.probe.reconstruct.LeastSquaresReconstructor;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PluginsCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(Supplier<MortalRegistry> registry, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MortalCommand.configure(new CommandLine(new PluginsCommand(registry)));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** The jar (or class folder) a class was loaded from, as the command prints it. */
    private static String jarOf(Class<?> c) {
        return PluginsCommand.jar(c.getProtectionDomain().getCodeSource().getLocation().getPath());
    }

    private static String row(List<String> lines, String kind, String name) {
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            if (f.length >= 5 && f[0].equals(kind) && f[1].equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no row for " + kind + " " + name + " in\n" + String.join("\n", lines));
    }

    @Test
    void listsEveryBuiltInKindWithNameClassVersionAndJar() {
        Run r = run(MortalRegistry::global);
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("KIND", "NAME", "CLASS", "VERSION", "JAR"), List.of(lines.get(0).trim().split("\\s+")));
        for (Object[] e : new Object[][]{{"device", "pcm", PcmDeviceModel.class},
            {"device", "soft-bounds", SoftBoundsDeviceModel.class}, {"exporter", "npy", NpyExporter.class},
            {"reconstructor", "least-squares", LeastSquaresReconstructor.class}}) {
            String[] f = row(lines, (String) e[0], (String) e[1]).trim().split("\\s+");
            Class<?> impl = (Class<?>) e[2];
            assertEquals(impl.getName(), f[2]);
            assertTrue(f[3].equals("dev") || f[3].matches("\\d+\\.\\d+\\.\\d+.*"), "version " + f[3]);
            assertEquals(jarOf(impl), f[4]);
        }
        int devices = (int) lines.stream().filter(l -> l.startsWith("device ")).count();
        assertEquals(MortalRegistry.global().names(org.dl4jmortal.spi.plugin.PluginKind.DEVICE).size(), devices);
        assertTrue(lines.indexOf(row(lines, "device", "pcm")) < lines.indexOf(row(lines, "exporter", "csv")),
                "devices are listed before exporters");
    }

    @Test
    void kindFilterAndLongFormat() {
        Run r = run(MortalRegistry::global, "--kind", "exporter", "--long");
        assertEquals(0, r.status(), r.err());
        List<String> names = r.out().lines().filter(l -> l.startsWith("exporter ")).map(l -> l.split("\\s+")[1]).toList();
        assertEquals(List.of("csv", "dl4j", "npy"), names);
        assertTrue(r.out().contains(new NpyExporter().description()), r.out());
        assertTrue(r.out().contains("registered by org.dl4jmortal.probe.export.ProbeExportersPlugin"), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("device ")), r.out());
    }

    @Test
    void anUnknownKindListsTheKinds() {
        Run r = run(MortalRegistry::global, "--kind", "devices");
        assertEquals(MortalCommand.EXIT_BAD_INPUT, r.status());
        assertTrue(r.err().contains("--kind 'devices' is not a plugin kind") && r.err().contains("device")
                && r.err().contains("distiller"), r.err());
    }

    @Test
    void twoPluginsWithOneNameAreAnErrorNamingBothJars() {
        Run r = run(() -> MortalRegistry.of(new BuiltInDevicesPlugin(), new BuiltInDevicesPlugin()));
        assertEquals(MortalCommand.EXIT_BAD_INPUT, r.status());
        String jar = BuiltInDevicesPlugin.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(r.err().startsWith("mortal: error: two plugins register the device name 'pcm': ")
                && r.err().contains(BuiltInDevicesPlugin.class.getName() + " from " + jar + " and "), r.err());
        assertEquals("", r.out());
    }
}
