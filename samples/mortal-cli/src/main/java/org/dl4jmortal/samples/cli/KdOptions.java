package org.dl4jmortal.samples.cli;

import org.dl4jmortal.spi.distill.DistillationSettings;
import picocli.CommandLine.Option;

/**
 * The {@code --temperature}, {@code --alpha} and {@code --epochs} options (a picocli mixin) of the commands that
 * distil a chip into a student by knowledge distillation (Hinton, Vinyals &amp; Dean 2015:
 * {@code L = alpha T^2 KL(p_t^T || p_s^T) + (1 - alpha) CE(y, p_s)}).
 */
public final class KdOptions {
    @Option(names = "--temperature", defaultValue = "4", paramLabel = "T",
            description = "kd temperature T > 0 (default: ${DEFAULT-VALUE})")
    double temperature = 4;

    @Option(names = "--alpha", defaultValue = "0.9", paramLabel = "A",
            description = "kd weight of the soft term in [0, 1]; labelled rows only (default: ${DEFAULT-VALUE})")
    double alpha = 0.9;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "E",
            description = "distillation epochs (default: ${DEFAULT-VALUE})")
    int epochs = 10;

    /**
     * @return a settings builder holding these three values (checked when the settings are built)
     */
    public DistillationSettings.Builder settings() {
        return DistillationSettings.builder().temperature(temperature).alpha(alpha).epochs(epochs);
    }

    /**
     * @param message a message of {@link DistillationSettings}' checks
     * @return the message with these options' names in place of the settings' ones
     */
    public static String optionNames(String message) {
        return message.replace("temperature T", "--temperature").replace("alpha must", "--alpha must")
                .replace("epochs must", "--epochs must");
    }
}
