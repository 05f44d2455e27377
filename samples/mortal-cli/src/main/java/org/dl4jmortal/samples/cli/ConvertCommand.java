package org.dl4jmortal.samples.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.analog.chip.ConversionResult;
import org.dl4jmortal.samples.chip.ModelFileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mortal convert --model FILE --device NAME [--seed N] [--set k=v] [--out DIR]}: programs a trained DL4J model
 * (a ModelSerializer zip) into a fresh chip and writes {@code chip.zip}; layers that cannot be converted stay digital
 * and are listed.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Program a trained DL4J model (ModelSerializer zip) into an analog chip: writes chip.zip.")
public final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a DL4J model zip")
    File model;

    @Option(names = "--device", defaultValue = "pcm", paramLabel = "NAME",
            description = "registered device model (default: ${DEFAULT-VALUE}); see `mortal plugins`")
    String device;

    @Mixin
    SeedOption seed;

    @Mixin
    SetOption set;

    @Mixin
    OutputOption output;

    private final PrintStream out;

    /** As the launcher runs it. */
    public ConvertCommand() {
        this(System.out);
    }

    /** @param out where the summary goes */
    public ConvertCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * @return 0
     * @throws UserInputException if the model file is not a DL4J model, the device is unknown or an override bad
     * @throws IOException        if the chip cannot be written
     */
    @Override
    public Integer call() throws IOException {
        Path dir = output.prepare("out/convert");
        Model m = ModelFileReader.read(model);
        AnalogConverter converter = new AnalogConverter(device, set.values(), seed.seed());
        String note = "mortal convert --model " + model.getName() + " --device " + device + " --seed " + seed.seed();
        ConversionResult r;
        try {
            r = m instanceof MultiLayerNetwork n ? converter.convert(n, note) : converter.convert((ComputationGraph) m, note);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        File chipFile = dir.resolve("chip.zip").toFile();
        r.chip().save(chipFile);
        out.println("analog layers: " + r.analogLayers());
        out.println("digital layers: " + (r.digitalLayers().isEmpty() ? "none" : r.digitalLayers()));
        out.println("wrote " + chipFile);
        return 0;
    }
}
