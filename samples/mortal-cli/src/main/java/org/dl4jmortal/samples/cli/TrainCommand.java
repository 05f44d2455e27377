package org.dl4jmortal.samples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mortal train --device NAME [--epochs E] [--mode in-place|hardware-aware] [--data DIR] [--out DIR] [--seed N]}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the MLP in place on a pulsed device, or hardware-aware for a programmed one.",
            "Trains the MLP 784-256-128-10 on Fashion-MNIST in place on a pulsed device (mortal training), or "
                + "hardware-aware for a programmed device, beside the same network trained digitally.",
            "The digital network of every run: Adam 1e-3, --batch (default 64), --epochs (default 10). In-place: SGD "
                + "learning rate 0.1 (--lr) decaying by 0.8 per epoch (--lr-decay); pulses: stochastic trains, BL 31, "
                + "update and bit-length management (--set meanCount=1 selects the faster mean-count mode).",
            "The in-place algorithm depends on the device: Tiki-Taka (gradient pulses onto a fast array, one of its "
                + "rows read and transferred into the weights per sample) for soft-bounds and reram-sb; plain pulsed "
                + "SGD for the other pulsed devices. --set tikiTaka=1 or --set tikiTaka=0 chooses either; the "
                + "Tiki-Taka settings (transferEvery, readsPerTransfer, fastLearningRate, transferLearningRate, "
                + "transferUnitsInMiniBatch) are on the site's pulsed-devices page; an unknown --set name lists every "
                + "known one.",
            "Hardware-aware mode: the digital network (Adam 1e-3, --epochs E) is copied and fine-tuned for "
                + "--hwa-epochs F with Gaussian weight noise (--weight-noise, relative to each column's max |w|, "
                + "drawn afresh for every mini-batch, training only) at Adam --hwa-lr; both networks are then "
                + "programmed into the device (a programmed one, such as pcm) and compared from 1 s to 1 year after "
                + "programming, with global drift compensation (unless --set driftCompensation=0), one read-noise "
                + "draw per time (mortal evaluate averages more). --batch, --epochs, --seed, --set and --data apply "
                + "to both modes."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--device", required = true, paramLabel = "NAME", description = "device model (see `mortal plugins`)")
    String device;

    @Option(names = "--mode", defaultValue = TrainConfig.IN_PLACE, paramLabel = "in-place|hardware-aware",
            description = "training mode (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "E", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.1", paramLabel = "LR",
            description = "in-place mode: SGD learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--lr-decay", defaultValue = "0.8", paramLabel = "D",
            description = "in-place mode: learning-rate factor per epoch, in (0, 1]; 1 keeps it constant "
                    + "(default: ${DEFAULT-VALUE})")
    double learningRateDecay;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "minibatch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--weight-noise", defaultValue = "0.08", paramLabel = "S",
            description = "hardware-aware mode: weight-noise std relative to each column's max |w|, in [0, 1]; 0 "
                    + "fine-tunes without noise (default: ${DEFAULT-VALUE})")
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
    @Spec
    CommandSpec spec;

    /**
     * @return 0
     * @throws UserInputException on a bad device, mode or value
     * @throws IOException        on read or write failure
     */
    @Override
    public Integer call() throws IOException {
        refuseOptionsOfTheOtherMode();
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
                    + " devices with one: " + devices(registry, true)
                    + " (or use --mode hardware-aware --device " + device + ")");
        }
        if (mode.equals(TrainConfig.HARDWARE_AWARE) && model.crosspointKind() == CrosspointKind.PULSED) {
            throw new UserInputException("--mode hardware-aware programs the trained network into a programmed device;"
                    + " '" + device + "' is a pulsed device (use --mode in-place); programmed devices: "
                    + devices(registry, false));
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

    /** @return the installed devices that have a pulse rule ({@code pulsed}), or those that have none */
    private static List<String> devices(MortalRegistry registry, boolean pulsed) {
        return registry.names(PluginKind.DEVICE).stream()
                .filter(n -> (registry.get(PluginKind.DEVICE, n).crosspointKind() == CrosspointKind.PULSED) == pulsed)
                .toList();
    }

    /**
     * @throws UserInputException if an option of the other mode was given (it would be ignored silently)
     */
    private void refuseOptionsOfTheOtherMode() {
        List<String> others = switch (mode) {
            case TrainConfig.IN_PLACE -> List.of("--hwa-epochs", "--hwa-lr", "--weight-noise");
            case TrainConfig.HARDWARE_AWARE -> List.of("--lr", "--lr-decay");
            default -> List.of();
        };
        List<String> given = others.stream().filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o))
                .toList();
        if (!given.isEmpty()) {
            throw new UserInputException(String.join(", ", given) + (given.size() == 1 ? " does" : " do")
                    + " not apply to --mode " + mode + (mode.equals(TrainConfig.IN_PLACE)
                    ? "; the fine-tuning options belong to --mode hardware-aware"
                    : "; --lr and --lr-decay set the in-place SGD, while hardware-aware mode trains the digital "
                    + "network with Adam 1e-3 and fine-tunes it at --hwa-lr"));
        }
    }
}
