package org.dl4jmortal.analog.update;

import java.util.List;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.ParameterSpec;

/**
 * How an in-place update turns {@code x} and {@code delta} into pulses (aihwkit {@code UpdateParameters}; Gokmen &amp;
 * Vlasov 2016): bit length {@code BL} of the stochastic pulse trains, update management (rescale the two trains'
 * probabilities so {@code A max|x| = B max|delta|} at fixed {@code A B}), bit-length management (shorten {@code BL}
 * to {@code ceil(lr max|x| max|delta| / dwMin)} when that is smaller), and the separately named {@code meanCount}
 * mode that applies expected pulse counts without stochastic trains (faster; never the default). Immutable.
 */
public final class UpdateConfig {
    /** Bit length of the stochastic pulse trains (aihwkit {@code desired_bl}, default 31). */
    public static final String BIT_LENGTH = "bitLength";
    /** Update management switch (aihwkit {@code update_management}, default on). */
    public static final String UPDATE_MANAGEMENT = "updateManagement";
    /** Bit-length management switch (aihwkit {@code update_bl_management}, default on). */
    public static final String BIT_LENGTH_MANAGEMENT = "bitLengthManagement";
    /** Mean-count mode switch: expected pulse counts instead of stochastic trains (default off). */
    public static final String MEAN_COUNT = "meanCount";
    /**
     * Weight-to-device mapping: when positive, writing targets maps {@code max|W|} to {@code omega * wMax} (aihwkit
     * {@code MappingParameter.weight_scaling_omega}); 0 keeps the targets as they are unless they exceed
     * {@code 0.8 wMax} (then they are scaled down to it).
     */
    public static final String WEIGHT_SCALING_OMEGA = "weightScalingOmega";
    /** Mapping per output column instead of per layer (aihwkit {@code weight_scaling_columnwise}). */
    public static final String WEIGHT_SCALING_COLUMNWISE = "weightScalingColumnwise";
    /**
     * Tiki-Taka switch (Gokmen &amp; Haensch, Front. Neurosci. 14:103, 2020; aihwkit {@code TransferCompound} with
     * {@code gamma = 0}): gradients go to a second, "fast" pulsed array A of the same device; rows of A are read
     * through the forward periphery and transferred by pulses into the array C that the passes use.
     */
    public static final String TIKI_TAKA = "tikiTaka";
    /** Samples (or mini-batches) between two Tiki-Taka transfers (aihwkit {@code transfer_every}). */
    public static final String TRANSFER_EVERY = "transferEvery";
    /** Whether {@link #TRANSFER_EVERY} counts mini-batches instead of samples (aihwkit {@code units_in_mbatch}). */
    public static final String TRANSFER_UNITS_IN_MINI_BATCH = "transferUnitsInMiniBatch";
    /** Rows of A read and transferred per transfer (aihwkit {@code n_reads_per_transfer}). */
    public static final String READS_PER_TRANSFER = "readsPerTransfer";
    /** Learning rate of the gradient update onto A, relative to the SGD learning rate (aihwkit {@code fast_lr}). */
    public static final String FAST_LEARNING_RATE = "fastLearningRate";
    /** Learning rate of the transfer update onto C, relative to the SGD learning rate (aihwkit {@code transfer_lr}). */
    public static final String TRANSFER_LEARNING_RATE = "transferLearningRate";

    private final int bitLength;
    private final boolean updateManagement;
    private final boolean bitLengthManagement;
    private final boolean meanCount;
    private final double weightScalingOmega;
    private final boolean weightScalingColumnwise;
    private final boolean tikiTaka;
    private final int transferEvery;
    private final boolean transferUnitsInMiniBatch;
    private final int readsPerTransfer;
    private final double fastLearningRate;
    private final double transferLearningRate;

    private UpdateConfig(int bitLength, boolean updateManagement, boolean bitLengthManagement, boolean meanCount,
                         double weightScalingOmega, boolean weightScalingColumnwise, boolean tikiTaka,
                         int transferEvery, boolean transferUnitsInMiniBatch, int readsPerTransfer, double fastLearningRate,
                         double transferLearningRate) {
        this.bitLength = bitLength;
        this.updateManagement = updateManagement;
        this.bitLengthManagement = bitLengthManagement;
        this.meanCount = meanCount;
        this.weightScalingOmega = weightScalingOmega;
        this.weightScalingColumnwise = weightScalingColumnwise;
        this.tikiTaka = tikiTaka;
        this.transferEvery = transferEvery;
        this.transferUnitsInMiniBatch = transferUnitsInMiniBatch;
        this.readsPerTransfer = readsPerTransfer;
        this.fastLearningRate = fastLearningRate;
        this.transferLearningRate = transferLearningRate;
    }

    /**
     * @return the update parameters with aihwkit's defaults (BL 31, both managements on, stochastic trains) and
     * Tiki-Taka on, transferring one row after every sample (the paper's schedule; 0 for {@code tikiTaka} gives
     * plain pulsed SGD). A device may change these defaults ({@code DeviceModel#updateDefaults()}): every pulsed
     * device of this module except the soft-bounds ones trains by plain pulsed SGD by default
     */
    public static ParameterSet defaults() {
        return ParameterSet.ofDefaults(List.of(
                new ParameterSpec(BIT_LENGTH, 31, 1, 4096, "pulses",
                        "bit length BL of the stochastic pulse trains (aihwkit UpdateParameters.desired_bl)"),
                new ParameterSpec(UPDATE_MANAGEMENT, 1, 0, 1, "switch",
                        "balance the x and delta trains so A max|x| = B max|delta| (aihwkit update_management)"),
                new ParameterSpec(BIT_LENGTH_MANAGEMENT, 1, 0, 1, "switch",
                        "shorten BL to ceil(lr max|x| max|delta| / dwMin) (aihwkit update_bl_management)"),
                new ParameterSpec(MEAN_COUNT, 0, 0, 1, "switch",
                        "apply expected pulse counts instead of stochastic trains (faster; not aihwkit's default)"),
                new ParameterSpec(WEIGHT_SCALING_OMEGA, 0, 0, 1, "fraction of wMax",
                        "map max|W| of written targets to omega wMax, 0 = scale down only past 0.8 wMax "
                                + "(aihwkit MappingParameter.weight_scaling_omega)"),
                new ParameterSpec(WEIGHT_SCALING_COLUMNWISE, 0, 0, 1, "switch",
                        "one mapping scale per output column instead of per layer "
                                + "(aihwkit MappingParameter.weight_scaling_columnwise)"),
                new ParameterSpec(TIKI_TAKA, 1, 0, 1, "switch",
                        "Tiki-Taka: gradients onto a fast array A, rows of A read and transferred by pulses into the "
                                + "array C the passes use (Gokmen & Haensch 2020; aihwkit TransferCompound, gamma 0); "
                                + "0 = plain pulsed SGD; each device sets its own default "
                                + "(DeviceModel.updateDefaults)"),
                new ParameterSpec(TRANSFER_EVERY, 1, 1, 1_000_000, "samples",
                        "samples (or mini-batches, see transferUnitsInMiniBatch) between two Tiki-Taka transfers "
                                + "(aihwkit transfer_every)"),
                new ParameterSpec(TRANSFER_UNITS_IN_MINI_BATCH, 0, 0, 1, "switch",
                        "transferEvery counts mini-batches instead of samples (aihwkit units_in_mbatch)"),
                new ParameterSpec(READS_PER_TRANSFER, 1, 1, 1_000_000, "rows",
                        "rows of A read and transferred per transfer (aihwkit n_reads_per_transfer)"),
                new ParameterSpec(FAST_LEARNING_RATE, 1, 0, 1e6, "x learning rate",
                        "learning rate of the gradient update onto A, relative to the SGD one (aihwkit fast_lr)"),
                new ParameterSpec(TRANSFER_LEARNING_RATE, 1, 0, 1e6, "x learning rate",
                        "learning rate of the transfer onto C, relative to the SGD one (aihwkit transfer_lr)")));
    }

    /**
     * @param p a parameter set holding the names of {@link #defaults()}
     * @return the configuration
     * @throws IllegalArgumentException if a name is missing or a value is not whole where it must be
     */
    public static UpdateConfig from(ParameterSet p) {
        return new UpdateConfig(p.getInt(BIT_LENGTH), p.isOn(UPDATE_MANAGEMENT), p.isOn(BIT_LENGTH_MANAGEMENT),
                p.isOn(MEAN_COUNT), p.get(WEIGHT_SCALING_OMEGA), p.isOn(WEIGHT_SCALING_COLUMNWISE),
                p.isOn(TIKI_TAKA), p.getInt(TRANSFER_EVERY),
                p.isOn(TRANSFER_UNITS_IN_MINI_BATCH), p.getInt(READS_PER_TRANSFER), p.get(FAST_LEARNING_RATE),
                p.get(TRANSFER_LEARNING_RATE));
    }

    /** @return BL, the number of slots of a pulse train, {@code >= 1} */
    public int bitLength() {
        return bitLength;
    }

    /** @return whether update management is on */
    public boolean updateManagement() {
        return updateManagement;
    }

    /** @return whether bit-length management is on */
    public boolean bitLengthManagement() {
        return bitLengthManagement;
    }

    /** @return whether expected counts replace stochastic trains */
    public boolean meanCount() {
        return meanCount;
    }

    /** @return omega in {@code [0, 1]}: the fraction of {@code wMax} that {@code max|W|} maps to; 0 = no upscaling */
    public double weightScalingOmega() {
        return weightScalingOmega;
    }

    /** @return whether the mapping scale is per output column */
    public boolean weightScalingColumnwise() {
        return weightScalingColumnwise;
    }

    /** @return whether the Tiki-Taka algorithm (fast array A, transfers into C) runs instead of plain pulsed SGD */
    public boolean tikiTaka() {
        return tikiTaka;
    }

    /** @return samples (or mini-batches, see {@link #transferUnitsInMiniBatch()}) between two transfers, {@code >= 1} */
    public int transferEvery() {
        return transferEvery;
    }

    /** @return whether {@link #transferEvery()} counts mini-batches instead of samples */
    public boolean transferUnitsInMiniBatch() {
        return transferUnitsInMiniBatch;
    }

    /** @return rows of A read and transferred per transfer, {@code >= 1} */
    public int readsPerTransfer() {
        return readsPerTransfer;
    }

    /** @return learning rate of the update onto A relative to the SGD learning rate, {@code >= 0} */
    public double fastLearningRate() {
        return fastLearningRate;
    }

    /** @return learning rate of the transfer onto C relative to the SGD learning rate, {@code >= 0} */
    public double transferLearningRate() {
        return transferLearningRate;
    }

    /** @return {@code "tiki-taka"} or {@code "sgd"}, as reports name the in-place algorithm */
    public String algorithmName() {
        return tikiTaka ? "tiki-taka" : "sgd";
    }

    /** @return {@code "stochastic"} or {@code "mean-count"}, as reports name the mode */
    public String modeName() {
        return meanCount ? "mean-count" : "stochastic";
    }
}
