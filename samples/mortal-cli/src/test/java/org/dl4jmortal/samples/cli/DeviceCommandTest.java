package org.dl4jmortal.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

class DeviceCommandTest {

    private static int run(StringWriter err, String... args) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        CommandLine cl = new CommandLine(new DeviceCommand());
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void writesPointsAndPlotOfAConstantStepDevice(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        int code = run(err, "--name", "constant-step", "--out", dir.toString(), "--pulses", "300", "--devices", "8",
                "--set", "dwMinStd=0", "--set", "dwMinDtod=0", "--set", "wMaxDtod=0", "--set", "wMinDtod=0",
                "--set", "upDownDtod=0", "--set", "wMax=0.2", "--set", "wMin=-0.2");
        assertEquals(0, code, err.toString());
        assertTrue(Files.size(dir.resolve("device.png")) > 1000);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("device.json").toFile());
        assertEquals("constant-step", json.get("device").asText());
        assertEquals(601, json.get("points").size());
        // steps of dwMin = 0.001 from 0: 0.15 after 150 pulses, clipped at wMax = 0.2, then 0.2 - 0.3 at the end;
        // tolerance 1e-6: the device arrays are drawn in float32 (ND4J's default type here), 0.001f = 0.001 + 5e-11
        assertEquals(0.15, json.get("points").get(150).get("mean").asDouble(), 1e-6);
        assertEquals(0.2, json.get("points").get(300).get("mean").asDouble(), 1e-6);
        assertEquals(-0.1, json.get("points").get(600).get("mean").asDouble(), 1e-6);
        assertEquals(0.0, json.get("parameters").get("dwMinStd").asDouble());
    }

    @Test
    void badNamesAreClearErrors(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--name", "no-such-device", "--out", dir.toString()));
        assertTrue(err.toString().contains("soft-bounds"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "--name", "pcm", "--out", dir.toString()));
        assertTrue(err2.toString().contains("no pulse rule") && err2.toString().contains("exp-step"), err2.toString());
        StringWriter err3 = new StringWriter();
        assertEquals(2, run(err3, "--name", "soft-bounds", "--set", "dwMin=0", "--out", dir.toString()));
        assertTrue(err3.toString().contains("dwMin"), err3.toString());
    }
}
