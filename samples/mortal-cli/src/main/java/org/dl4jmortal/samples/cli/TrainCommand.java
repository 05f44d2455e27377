package org.dl4jmortal.samples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dl4jmortal.samples.data.FashionMnist;
import org.dl4jmortal.samples.io.Progress;
import org.dl4jmortal.samples.train.TrainConfig;
import org.dl4jmortal.samples.train.TrainJob;
import org.dl4jmortal.spi.device.CrosspointKind;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mortal train --device NAME [--epochs E] [--mode in-place|hardware-aware] [--data DIR] [--out DIR] [--seed N]}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the MLP in place on a pulsed device, or hardware-aware for a programmed one.",
            "Trains the MLP 784-256-128-10 on Fashion-MNIST in place on a pulsed device (mortal training), or "
                + "hardware-aware for a programmed device, beside the same network trained digitally.",
            "Defaults: SGD, learning rate 0.1 decaying by 0.8 per epoch, batch 64, 10 epochs; in-place pulses: "
                + "stochastic trains, BL 31, update and bit-length management (--set meanCount=1 selects the faster "
                + "mean-count mode).",
            "The in-place algorithm depends on the device: Tiki-Taka (gradient pulses onto a fast array, one of its "
                + "rows read and transferred into the weights per sample) for soft-bounds and reram-sb; plain pulsed "
                + "SGD for the other pulsed devices. --set tikiTaka=1 or --set tikiTaka=0 chooses either; the "
                + "Tiki-Taka settings (transferEvery, readsPerTransfer, fastLearningRate, transferLearningRate, "
                + "transferUnitsInMiniBatch) are on the site's pulsed-devices page; an unknown --set name lists every "
                + "known one.",
            "Hardware-aware mode: the digital network (Adam 1e-3, --epochs E) is copied and fine-tuned for "
                + "--hwa-epochs F with weight noise (--weight-noise, relative to each column's max |w|) at Adam "
                + "--hwa-lr; both networks are then programmed into the device and compared from 1 s to 1 year after "
                + "programming, with global drift compensation."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--device", required = true, paramLabel = "NAME", description = "device model (see `mortal plugins`)")
    String device;

    @Option(names = "--mode", defaultValue = TrainConfig.IN_PLACE, paramLabel = "in-place|hardware-aware",
            description = "training mode (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "E", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.1", paramLabel = "LR", description = "SGD learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--lr-decay", defaultValue = "0.8", paramLabel = "D",
            description = "learning-rate factor per epoch, in (0, 1]; 1 keeps it constant (default: ${DEFAULT-VALUE})")
    double learningRateDecay;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "minibatch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--weight-noise", defaultValue = "0.08", paramLabel = "S",
            description = "hardware-aware weight noise, relative to each column's max |w| (default: ${DEFAULT-VALUE})")
    double weightNoise;

    @Option(names = "--hwa-epochs", defaultValue = "3", paramLabel = "F",
            description = "hardware-aware mode: epochs of fine-tuning the trained digital network with weight noise "
                    + "(default: ${DEFAULT-VALUE})")
    int hwaEpochs;

    @Option(names = "--hwa-lr", defaultValue = "1e-4", paramLabel = "LR",
            description = "hardware-aware mode: Adam learning rate of the fine-tuning (default: ${DEFAULT-VALUE})")
    double hwaLearningRate;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Mixin
    DataOption data;
    @Mixin
    OutputOption output;
    @Mixin
    SeedOption seed;
    @Mixin
    SetOption set;

    /**
     * @return 0
     * @throws UserInputException on a bad device, mode or value
     * @throws IOException        on read or write failure
     */
    @Override
    public Integer call() throws IOException {
        TrainConfig config;
        try {
            config = new TrainConfig(device, mode, set.values(), epochs, batch, learningRate, learningRateDecay,
                    weightNoise, hwaEpochs, hwaLearningRate, seed.seed());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        MortalRegistry registry = MortalRegistry.global();
        DeviceModel model;
        try {
            model = registry.get(PluginKind.DEVICE, device);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        if (mode.equals(TrainConfig.IN_PLACE) && model.crosspointKind() != CrosspointKind.PULSED) {
            throw new UserInputException("device '" + device + "' has no pulse rule and cannot be trained in place;"
                    + " devices with one: " + registry.names(PluginKind.DEVICE).stream()
                    .filter(n -> registry.get(PluginKind.DEVICE, n).crosspointKind() == CrosspointKind.PULSED).toList()
                    + " (or use --mode hardware-aware --device " + device + ")");
        }
        if (mode.equals(TrainConfig.HARDWARE_AWARE) && model.crosspointKind() == CrosspointKind.PULSED) {
            throw new UserInputException("--mode hardware-aware programs the trained network into a programmed device"
                    + " such as pcm; '" + device + "' is a pulsed device (use --mode in-place)");
        }
        FashionMnist source = data.resolve(FashionMnist.DefaultSource.DEBIAN_IF_PRESENT);
        Path outDir = output.prepare("out/train");
        try {
            new TrainJob(config, quiet ? Progress.silent() : Progress.console(), System.out).run(source, outDir);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        return 0;
    }
}
