package org.dl4jmortal.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class OptionsTest {

    /** A command that only collects the mixins. */
    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        AtOption at;
        @Mixin
        SetOption set;
        @Mixin
        SeedOption seed;
        Map<String, Double> settings;

        @Override
        public void run() {
            settings = set.values();
        }
    }

    private record Outcome(int status, String err, Probe probe) {
    }

    private static Outcome run(String... args) {
        Probe probe = new Probe();
        CommandLine cl = MortalCommand.configure(new CommandLine(probe));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Outcome(status, err.toString(), probe);
    }

    @Test
    void atParsesDurations() {
        Outcome o = run("--at", "30d");
        assertEquals(0, o.status());
        assertEquals(OptionalDouble.of(2_592_000), o.probe().at.seconds());
        assertEquals(OptionalDouble.empty(), run().probe().at.seconds());
    }

    @Test
    void badAtIsAUsageErrorNamingValueAndForms() {
        for (String bad : new String[]{"-1d", "NaN", "soon"}) {
            Outcome o = run("--at=" + bad);
            assertEquals(MortalCommand.EXIT_USAGE, o.status());
            assertTrue(o.err().contains("'" + bad + "'"), o.err());
            assertTrue(o.err().contains("1s, 1h, 1d, 30d, 1y"), o.err());
        }
    }

    @Test
    void settingsParseInOrder() {
        Outcome o = run("--set", "outputBits=8", "--set", "readNoise=0", "--set", "gMax = 2.5e-5");
        assertEquals(0, o.status());
        assertEquals(List.of("outputBits", "readNoise", "gMax"), List.copyOf(o.probe().settings.keySet()));
        assertEquals(8.0, o.probe().settings.get("outputBits"));
        assertEquals(0.0, o.probe().settings.get("readNoise"));
        assertEquals(2.5e-5, o.probe().settings.get("gMax"));
        assertEquals(Map.of(), run().probe().settings);
    }

    @Test
    void badSettingsNameTheTextAndTheForm() {
        String[][] cases = {{"outputBits", "no '='"}, {"=3", "bad key ''"}, {"1x=2", "bad key '1x'"},
            {"readNoise=abc", "'abc' is not a number"}, {"readNoise=NaN", "must be finite"},
            {"readNoise=-Infinity", "must be finite"}};
        for (String[] c : cases) {
            Outcome o = run("--set", c[0]);
            assertEquals(MortalCommand.EXIT_USAGE, o.status(), c[0]);
            assertTrue(o.err().contains("'" + c[0] + "'"), o.err());
            assertTrue(o.err().contains(c[1]), o.err());
            assertTrue(o.err().contains("KEY=VALUE"), o.err());
        }
    }

    @Test
    void duplicateSettingIsRejected() {
        Outcome o = run("--set", "readNoise=0", "--set", "readNoise=0.02");
        assertEquals(MortalCommand.EXIT_BAD_INPUT, o.status());
        assertTrue(o.err().contains("readNoise is given twice (0.0 and 0.02)"), o.err());
    }

    @Test
    void settingParserDirectly() {
        assertEquals(new Setting("a.b_c", -1.5), Setting.parse("a.b_c=-1.5"));
        assertThrows(IllegalArgumentException.class, () -> Setting.parse(null));
    }

    @Test
    void seedDefaultsTo42AndParsesLongs() {
        assertEquals(42L, run().probe().seed.seed());
        assertEquals(-7L, run("--seed", "-7").probe().seed.seed());
        Outcome o = run("--seed", "x");
        assertEquals(MortalCommand.EXIT_USAGE, o.status());
        assertTrue(o.err().contains("--seed"), o.err());
    }
}
