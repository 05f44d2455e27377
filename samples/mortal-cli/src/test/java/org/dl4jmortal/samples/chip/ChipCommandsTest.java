package org.dl4jmortal.samples.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.samples.cli.MortalCommand;
import org.dl4jmortal.samples.demo.DigitalMlp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

/** convert, evaluate and train on the command line: results and every kind of bad input. */
class ChipCommandsTest {
    @TempDir
    static Path tmp;
    static File modelZip;

    @BeforeAll
    static void saveModel() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MultiLayerNetwork net = DigitalMlp.create(7, 1e-3);
        modelZip = tmp.resolve("digital.zip").toFile();
        ModelSerializer.writeModel(net, modelZip, false);
    }

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(stdout, true));
        try {
            CommandLine cl = MortalCommand.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int status = cl.execute(args);
            return new Outcome(status, stdout + out.toString(), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void convertWritesALoadableChipWithTheOverrides() throws Exception {
        Path out = tmp.resolve("conv");
        Outcome o = run("convert", "--model", modelZip.getPath(), "--device", "pcm", "--seed", "3",
                "--set", "outputBits=8", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("[hidden1, hidden2, output]"), o.out());
        AnalogChip chip = AnalogChip.load(out.resolve("chip.zip").toFile());
        assertEquals(3L, chip.info().seed());
        assertEquals(8.0, chip.info().overrides().get("outputBits"));
        assertEquals(0.0, chip.secondsSinceProgramming());
    }

    @Test
    void evaluateReportsMeanAndSpreadOverRepeats() {
        Path out = tmp.resolve("conv2");
        assertEquals(0, run("convert", "--model", modelZip.getPath(), "--out", out.toString()).status());
        Outcome o = run("evaluate", "--chip", out.resolve("chip.zip").toString(), "--at", "1d", "--data", "embedded",
                "--repeats", "2", "--quiet");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("at 86400 s") && o.out().contains("over 2 read-noise draws"), o.out());
        // the pcm default compensates drift on every analog layer; --gdc off says so
        assertTrue(o.out().contains("global drift compensation: on (hidden1, hidden2, output)"), o.out());
        Outcome off = run("evaluate", "--chip", out.resolve("chip.zip").toString(), "--at", "1d", "--data", "embedded",
                "--repeats", "1", "--gdc", "off", "--quiet");
        assertEquals(0, off.status(), off.err());
        assertTrue(off.out().contains("global drift compensation: off"), off.out());
    }

    @Test
    void badInputsAreRefusedWithSpecificMessages() throws Exception {
        Path out = tmp.resolve("bad");
        Outcome unknownDevice = run("convert", "--model", modelZip.getPath(), "--device", "nope", "--out", out.toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, unknownDevice.status());
        assertTrue(unknownDevice.err().contains("'nope'") && unknownDevice.err().contains("pcm"), unknownDevice.err());

        File notAModel = tmp.resolve("notamodel.zip").toFile();
        Files.writeString(notAModel.toPath(), "plain text");
        Outcome notModel = run("convert", "--model", notAModel.getPath(), "--out", out.toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, notModel.status());
        assertTrue(notModel.err().contains("not a DL4J model zip"), notModel.err());

        Outcome notChip = run("evaluate", "--chip", modelZip.getPath(), "--data", "embedded");
        assertEquals(MortalCommand.EXIT_BAD_INPUT, notChip.status());
        assertTrue(notChip.err().contains("not a chip image"), notChip.err());

        Outcome badKey = run("convert", "--model", modelZip.getPath(), "--set", "outputBitz=8", "--out", out.toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, badKey.status());
        assertTrue(badKey.err().contains("outputBitz") && badKey.err().contains("outputBits"), badKey.err());

        Outcome badBits = run("convert", "--model", modelZip.getPath(), "--set", "outputBits=1", "--out", out.toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, badBits.status());
        assertTrue(badBits.err().contains("outputBits=1.0") && badBits.err().contains("[2.0, 24.0]"), badBits.err());

        Outcome negativeTime = run("evaluate", "--chip", modelZip.getPath(), "--at", "-1s");
        assertEquals(MortalCommand.EXIT_USAGE, negativeTime.status());

        Outcome pcmInPlace = run("train", "--device", "pcm", "--out", out.toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, pcmInPlace.status());
        assertTrue(pcmInPlace.err().contains("soft-bounds") && pcmInPlace.err().contains("no pulse rule"),
                pcmInPlace.err());

        Outcome pulsedHwa = run("train", "--device", "soft-bounds", "--mode", "hardware-aware", "--out", out.toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, pulsedHwa.status());

        // a bad update setting is refused before the digital network trains, and no output folder is made
        java.io.File untouched = out.resolve("never-made").toFile();
        Outcome badSwitch = run("train", "--device", "soft-bounds", "--set", "tikiTaka=2", "--epochs", "1",
                "--data", "embedded", "--out", untouched.getPath());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, badSwitch.status());
        assertTrue(badSwitch.err().contains("tikiTaka=2.0") && badSwitch.err().contains("use 0 (off) or 1 (on)"),
                badSwitch.err());
        assertTrue(!badSwitch.out().contains("digital epoch") && !untouched.exists(), badSwitch.out());
        Outcome badStep = run("train", "--device", "constant-step", "--set", "dwMin=0", "--epochs", "1",
                "--data", "embedded", "--out", untouched.getPath());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, badStep.status());
        assertTrue(badStep.err().contains("dwMin") && !badStep.out().contains("digital epoch") && !untouched.exists(),
                badStep.err());

        Outcome noFineTuning = run("train", "--device", "pcm", "--mode", "hardware-aware", "--hwa-epochs", "0",
                "--data", "embedded", "--out", untouched.getPath());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, noFineTuning.status());
        assertTrue(noFineTuning.err().contains("--hwa-epochs must be >= 1, got 0") && !untouched.exists(),
                noFineTuning.err());
        Outcome badFineTuningRate = run("train", "--device", "pcm", "--mode", "hardware-aware", "--hwa-lr", "-1e-4",
                "--data", "embedded", "--out", untouched.getPath());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, badFineTuningRate.status());
        assertTrue(badFineTuningRate.err().contains("--hwa-lr must be a finite number > 0, got -1.0E-4")
                && !untouched.exists(), badFineTuningRate.err());

        // an option of the other mode would be ignored silently: it is refused, naming it
        Outcome inPlaceWithNoise = run("train", "--device", "constant-step", "--weight-noise", "0.3", "--hwa-lr", "0.5",
                "--data", "embedded", "--out", untouched.getPath());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, inPlaceWithNoise.status());
        assertTrue(inPlaceWithNoise.err().contains("--hwa-lr, --weight-noise do not apply to --mode in-place")
                && !untouched.exists(), inPlaceWithNoise.err());
        Outcome hardwareAwareWithLr = run("train", "--device", "pcm", "--mode", "hardware-aware", "--lr", "0.5",
                "--data", "embedded", "--out", untouched.getPath());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, hardwareAwareWithLr.status());
        assertTrue(hardwareAwareWithLr.err().contains("--lr does not apply to --mode hardware-aware")
                && hardwareAwareWithLr.err().contains("Adam 1e-3"), hardwareAwareWithLr.err());
        Outcome pulsedHardwareAware = run("train", "--device", "soft-bounds", "--mode", "hardware-aware",
                "--data", "embedded", "--out", untouched.getPath());
        assertTrue(pulsedHardwareAware.err().contains("programmed devices: [") && pulsedHardwareAware.err()
                .contains("pcm"), pulsedHardwareAware.err());

        Outcome badMode = run("train", "--device", "soft-bounds", "--mode", "sideways", "--out", out.toString());
        assertEquals(MortalCommand.EXIT_BAD_INPUT, badMode.status());
        assertTrue(badMode.err().contains("in-place or hardware-aware"), badMode.err());
    }
}
