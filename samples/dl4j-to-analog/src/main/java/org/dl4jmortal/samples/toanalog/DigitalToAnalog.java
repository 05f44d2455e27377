package org.dl4jmortal.samples.toanalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.analog.chip.ConversionResult;
import org.dl4jmortal.analog.device.DeviceSettings;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.data.ImageDataSetIterator;
import org.dl4jmortal.samples.data.LabelledImages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sample (c): take an existing DL4J model to an analog chip. Trains and saves an ordinary MLP (or takes yours with
 * {@code --model}), restores it with {@link ModelSerializer}, converts it with {@link AnalogConverter} into a
 * programmed {@link AnalogChip} (PCM by default) and prints its drift table over a year. Run it from the repository
 * root with {@code mvn -q -pl samples/dl4j-to-analog -am compile exec:java}; see the module's README.
 */
@Command(name = "dl4j-to-analog", mixinStandardHelpOptions = true,
        description = "Convert a trained DL4J model to an analog chip and print its drift table.")
public final class DigitalToAnalog implements Callable<Integer> {
    @Option(names = "--model", description = "your own trained model (a ModelSerializer zip, input 784, 10 classes);"
            + " without it the sample trains one")
    Path model;

    @Option(names = "--hidden", defaultValue = "256,128", split = ",", description = "hidden widths of the trained model (default: ${DEFAULT-VALUE})")
    List<Integer> hidden = new ArrayList<>();

    @Option(names = "--epochs", defaultValue = "3", description = "training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--device", defaultValue = "pcm", description = "programmed device (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--set", description = "device or periphery parameter, repeatable, e.g. --set outputBits=8")
    Map<String, Double> set = new LinkedHashMap<>();

    @Option(names = "--repeats", defaultValue = "3", description = "passes per drift-table cell (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--train-per-class", defaultValue = "1000", description = "training images per class (default: ${DEFAULT-VALUE})")
    int trainPerClass;

    @Option(names = "--test-per-class", defaultValue = "200", description = "test images per class (default: ${DEFAULT-VALUE})")
    int testPerClass;

    @Option(names = "--data", defaultValue = "embedded", description = "embedded, full or a folder (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--seed", defaultValue = "42", description = "seed of training and of the chip (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "out/dl4j-to-analog", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    private Result result;

    /**
     * What a run produced.
     *
     * @param digitalAccuracy test accuracy of the digital model
     * @param conversion      the chip and which layers became analog
     * @param drift           the drift table
     * @param digitalFile     the digital model file
     * @param chipFile        the chip file
     */
    public record Result(double digitalAccuracy, ConversionResult conversion, List<DriftRow> drift, Path digitalFile,
                         Path chipFile) {
    }

    /**
     * @return 0
     * @throws IOException              if the data or a model cannot be read, or an output not written
     * @throws IllegalArgumentException on a bad option value (unknown device, bad parameter, missing file)
     */
    @Override
    public Integer call() throws IOException {
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("--hidden needs one or more layer widths >= 1, got " + hidden);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        DeviceSettings.resolve(device, set);   // an unknown device or a bad --set fails here, before any training
        FashionMnist source = FashionMnist.resolve(data, FashionMnist.DefaultSource.EMBEDDED);
        LabelledImages trainImages = source.train().firstPerClass(trainPerClass);
        LabelledImages testImages = source.test().firstPerClass(testPerClass);
        ImageDataSetIterator test = new ImageDataSetIterator(testImages, 500, false, 0);
        Files.createDirectories(out);

        // 1. an ordinary DL4J model, saved with ModelSerializer (or yours)
        Path digitalFile = model;
        if (digitalFile == null) {
            digitalFile = out.resolve("digital.zip");
            System.out.printf("training a digital MLP on %d images for %d epochs%n", trainImages.size(), epochs);
            DigitalModel.trainAndSave(DigitalModel.create(hidden.stream().mapToInt(Integer::intValue).toArray(),
                    1e-3, seed), new ImageDataSetIterator(trainImages, 64, true, seed), epochs, digitalFile);
        } else if (!Files.isRegularFile(digitalFile)) {
            throw new IllegalArgumentException("--model " + digitalFile + " is not a file");
        }
        MultiLayerNetwork digital = ModelSerializer.restoreMultiLayerNetwork(digitalFile.toFile(), false);
        double digitalAccuracy = digital.evaluate(test).accuracy();
        System.out.printf("digital model %s: test accuracy %.4f on %d images%n", digitalFile, digitalAccuracy,
                testImages.size());

        // 2. the same network on a chip: weights programmed as conductances, with the device's programming noise
        ConversionResult conversion = new AnalogConverter(device, set, seed)
                .convert(digital, "dl4j-to-analog sample (device " + device + ", seed " + seed + ")");
        AnalogChip chip = conversion.chip();
        Path chipFile = out.resolve("chip.zip");
        chip.save(chipFile.toFile());
        System.out.printf("programmed into a %s chip: analog layers %s, digital layers %s; saved %s%n", device,
                conversion.analogLayers(), conversion.digitalLayers(), chipFile);

        // 3. what drift does to it over a year
        List<DriftRow> rows = DriftTable.measure(chip, test, DriftTable.TIMES, repeats);
        String table = DriftTable.markdown(digitalAccuracy, rows);
        Files.writeString(out.resolve("drift.md"), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(table);
        result = new Result(digitalAccuracy, conversion, rows, digitalFile, chipFile);
        return 0;
    }

    /** @return the result of the last {@link #call()}, or null before it */
    public Result result() {
        return result;
    }

    /**
     * @param sample the command object
     * @return its command line: a bad option value prints {@code dl4j-to-analog: error: ...} and exits with 3
     */
    public static CommandLine commandLine(DigitalToAnalog sample) {
        CommandLine cl = new CommandLine(sample);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                line.getErr().println("dl4j-to-analog: error: " + e.getMessage());
                line.getErr().flush();
                return 3;
            }
            throw e;
        });
        return cl;
    }

    /**
     * @param args the options (see {@code --help})
     */
    public static void main(String[] args) {
        int status = commandLine(new DigitalToAnalog()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
