package org.dl4jmortal.analog.layers;

import java.util.Map;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.dl4jmortal.analog.periphery.Periphery;
import org.dl4jmortal.analog.update.PulseCoincidence;
import org.dl4jmortal.analog.update.PulseCounts;
import org.dl4jmortal.analog.update.TikiTakaTransfer;
import org.dl4jmortal.analog.update.UpdateConfig;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Pulsed bipolar devices (DESIGN.md §3): one state {@code w} per crosspoint in {@code [wMin, wMax]} moved by
 * pulses through the device's update rule. Weights are {@code w * wScale} ({@code wScale [1, nOut]}, a digital
 * output scale). Writing targets sets {@code w = clip(W / wScale)} exactly (aihwkit's {@code set_weights} without
 * write noise) with the mapping of {@link UpdateConfig}: by default {@code wScale = max(1, max|W| / (0.8 wMax))}
 * (targets use at most 80 % of the mean upper bound); with {@code weightScalingOmega > 0},
 * {@code wScale = max|W| / (omega wMax)}, per layer or per column (aihwkit {@code MappingParameter}), so that small
 * initial weights use the device range and stand above the periphery's output noise.
 * Device-to-device variation is drawn from the layer seed (not stored: it is a pure function of the seed).
 * <p>
 * With {@link UpdateConfig#tikiTaka()} the layer holds a second array of the same device, the fast array
 * {@code A} ({@link AnalogParams#W_FAST}, its own device-to-device draw): gradient pulses go to {@code A}, and
 * {@link TikiTakaTransfer} moves rows of {@code A}, read through the forward periphery, into the states {@code C}
 * ({@link AnalogParams#W_DEVICE}) that the forward and backward passes read. Writing targets sets {@code C} and
 * resets {@code A} to 0.
 */
final class PulsedArray implements CrosspointArray {
    private final long seed;
    private final long nIn;
    private final long nOut;
    private final Map<String, INDArray> params;
    private final PulsedDevicePhysics physics;
    private final UpdateConfig update;
    private final Periphery periphery;
    private PulsedDevicePhysics.DeviceArrays devices;
    private PulsedDevicePhysics.DeviceArrays fastDevices;

    PulsedArray(long seed, long nIn, long nOut, Map<String, INDArray> params, PulsedDevicePhysics physics,
                UpdateConfig update, Periphery periphery) {
        this.seed = seed;
        this.nIn = nIn;
        this.nOut = nOut;
        this.params = params;
        this.physics = physics;
        this.update = update;
        this.periphery = periphery;
        if (update.tikiTaka() && !params.containsKey(AnalogParams.W_FAST)) {
            throw new IllegalArgumentException("Tiki-Taka needs the fast array parameter '" + AnalogParams.W_FAST
                    + "' in the layer's parameters");
        }
    }

    private PulsedDevicePhysics.DeviceArrays fastDevices() {
        if (fastDevices == null) {
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored =
                         org.nd4j.linalg.factory.Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                fastDevices = physics.drawDevices(nIn, nOut, KeyedRandom.key(seed, "device-to-device-fast"));
            }
        }
        return fastDevices;
    }

    private PulsedDevicePhysics.DeviceArrays devices() {
        if (devices == null) {
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored =
                         org.nd4j.linalg.factory.Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                devices = physics.drawDevices(nIn, nOut, KeyedRandom.key(seed, "device-to-device"));
            }
        }
        return devices;
    }

    @Override
    public void drawFixedVariation() {
        devices();
        if (update.tikiTaka()) {
            fastDevices();
        }
    }

    @Override
    public void program(INDArray weights, long programCount) {
        INDArray scale = mappingScale(weights);
        INDArray w = physics.clip(weights.divRowVector(scale).castTo(params.get(AnalogParams.W_DEVICE).dataType()),
                devices());
        params.get(AnalogParams.W_DEVICE).assign(w);
        params.get(AnalogParams.W_SCALE).assign(scale.reshape(1, nOut));
        if (update.tikiTaka()) {
            params.get(AnalogParams.W_FAST).assign(0);
        }
    }

    /**
     * @param weights targets {@code [nIn, nOut]}
     * @return the digital output scale {@code [1, nOut]} (see the class comment); all-zero columns get 1
     */
    private INDArray mappingScale(INDArray weights) {
        double omega = update.weightScalingOmega();
        INDArray maxAbs = update.weightScalingColumnwise()
                ? org.nd4j.linalg.ops.transforms.Transforms.abs(weights, true).max(true, 0)
                : org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {1, nOut}, weights.amaxNumber().doubleValue(),
                weights.dataType());
        INDArray scale = maxAbs.reshape(1, nOut).dup();
        for (long j = 0; j < nOut; j++) {
            double m = scale.getDouble(0, j);
            double s = omega > 0 ? m / (omega * physics.wMax()) : Math.max(1.0, m / (0.8 * physics.wMax()));
            scale.putScalar(0, j, s > 0 ? s : 1.0);
        }
        return scale;
    }

    @Override
    public INDArray normalisedWeightsAt(double seconds, long programCount) {
        return params.get(AnalogParams.W_DEVICE).dup();
    }

    /** @return the update settings (bit length, managements, mode) */
    UpdateConfig update() {
        return update;
    }

    /**
     * The device states after one in-place update: pulses counted from {@code x} and {@code delta}, applied by the
     * device rule to {@code C} (plain pulsed SGD) or to the fast array {@code A} followed, when due, by a Tiki-Taka
     * transfer of rows of {@code A} into {@code C}. Pure: the parameter views are not changed.
     *
     * @param x           layer input {@code [batch, nIn]}
     * @param delta       error at the pre-activation {@code [batch, nOut]} (per example, as DL4J's loss gives it)
     * @param lr          learning rate
     * @param updateIndex update counter (keys the trains, reads and the cycle-to-cycle noise; schedules transfers)
     * @return new states, each {@code [nIn, nOut]}
     */
    InPlaceStates updatedStates(INDArray x, INDArray delta, double lr, long updateIndex) {
        INDArray w = params.get(AnalogParams.W_DEVICE);
        INDArray wScale = params.get(AnalogParams.W_SCALE).castTo(x.dataType());
        // SGD on the weights W = w * wScale: the wanted change of W is -lr mean_b x_b delta_b, so the device state
        // moves by that divided by wScale (the batch mean matches DL4J's division of gradients by the minibatch)
        INDArray perSample = delta.castTo(x.dataType()).divRowVector(wScale).divi(x.rows());
        if (!update.tikiTaka()) {
            return new InPlaceStates(pulsed(w, x, perSample, lr, devices(), updateIndex, "trains", "cycle-to-cycle"), null);
        }
        INDArray fast = pulsed(params.get(AnalogParams.W_FAST), x, perSample, lr * update.fastLearningRate(),
                fastDevices(), updateIndex, "trains", "cycle-to-cycle-fast");
        int[] rows = TikiTakaTransfer.rowsAfterUpdate(updateIndex, x.rows(), update.transferEvery(),
                update.transferUnitsInMiniBatch(), update.readsPerTransfer(), nIn);
        double transferRate = lr * update.transferLearningRate();
        if (rows.length == 0 || transferRate == 0) {
            return new InPlaceStates(w.dup(), fast);
        }
        INDArray oneHot = TikiTakaTransfer.oneHot(rows, nIn, fast.dataType());
        INDArray reads = periphery.read(oneHot, fast, KeyedRandom.key(seed, "transfer-read", updateIndex));
        PulseCounts counts = TikiTakaTransfer.pulses(reads, transferRate, physics.dwMin(), update,
                KeyedRandom.key(seed, "transfer-trains", updateIndex));
        INDArray slow = w.dup();
        if (counts.trainSlots() == 0) {
            return new InPlaceStates(slow, fast);
        }
        INDArray up = counts.up().castTo(w.dataType());
        INDArray down = counts.down().castTo(w.dataType());
        // the transferred rows run consecutively (modulo nIn): apply each run of rows as one block, so that the
        // rest of C is not touched
        int start = 0;
        for (int i = 1; i <= rows.length; i++) {
            if (i < rows.length && rows[i] == rows[i - 1] + 1) {
                continue;
            }
            INDArrayIndex counted = NDArrayIndex.interval(start, i);
            INDArray block = physics.applyPulsesToRows(w, rows[start], up.get(counted, NDArrayIndex.all()),
                    down.get(counted, NDArrayIndex.all()), devices(),
                    KeyedRandom.key(seed, "transfer-cycle-to-cycle", updateIndex, rows[start]));
            slow.get(NDArrayIndex.interval(rows[start], rows[start] + i - start), NDArrayIndex.all()).assign(block);
            start = i;
        }
        return new InPlaceStates(slow, fast);
    }

    /** One pulsed update of {@code states} on {@code arrays} for the wanted change {@code -lr sum_b x_b d_b}. */
    private INDArray pulsed(INDArray states, INDArray x, INDArray perSample, double lr,
                            PulsedDevicePhysics.DeviceArrays arrays, long updateIndex, String trainLabel,
                            String noiseLabel) {
        PulseCounts counts = PulseCoincidence.count(x, perSample, lr, physics.dwMin(), update,
                KeyedRandom.key(seed, trainLabel, updateIndex));
        if (counts.trainSlots() == 0) {
            return states.dup();
        }
        return physics.applyPulses(states, counts.up().castTo(states.dataType()),
                counts.down().castTo(states.dataType()), arrays, KeyedRandom.key(seed, noiseLabel, updateIndex));
    }
}
