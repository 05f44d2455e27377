package org.dl4jmortal.samples.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --passes K} and {@code --test-images N} options (a picocli mixin) of the commands that measure a copy
 * against a chip's majority vote over K noisy passes on the test images (DESIGN.md §5, fidelity).
 */
public final class MajorityReferenceOptions {
    @Option(names = "--passes", defaultValue = "5", paramLabel = "K",
            description = "passes of the chip's majority vote (default: ${DEFAULT-VALUE})")
    int passes = 5;

    @Option(names = "--test-images", defaultValue = "0", paramLabel = "N",
            description = "test images used for the measurement, 0 = all (default: ${DEFAULT-VALUE})")
    int testImages;

    /**
     * @return K, the passes of the majority vote, {@code >= 1}
     * @throws UserInputException if {@code --passes} is below 1
     */
    public int passes() {
        if (passes < 1) {
            throw new UserInputException("--passes must be >= 1, got " + passes);
        }
        return passes;
    }

    /** @return test images to use, 0 = all (checked where the images are chosen) */
    public int testImages() {
        return testImages;
    }
}
