package org.dl4jmortal.spi.device;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The update rule of a pulsed (in-place trainable) device, DESIGN.md §3 "Mortal in-place updates", after Gokmen &amp;
 * Vlasov, Front. Neurosci. 10:333 (2016) and aihwkit's {@code PulsedDevice} family. Each crosspoint holds one
 * weight-like state {@code w} in {@code [wMin, wMax]} (device units; the layer maps them to weights with its
 * {@code wScale}). The simulator counts coincident pulses and hands the counts to {@link #applyPulses}; the rule
 * decides how far each pulse moves each device. Implementations are stateless and thread-safe.
 */
public interface PulsedDevicePhysics {

    /**
     * Draws the device-to-device variation of every device parameter once per chip (DESIGN.md §2 rule 4: a pure
     * function of the key).
     *
     * @param rows    crossbar rows ({@code nIn})
     * @param columns crossbar columns ({@code nOut})
     * @param key     a {@link org.dl4jmortal.spi.random.KeyedRandom} key derived from the chip seed
     * @return the per-device parameters, opaque to the simulator and passed back to {@link #applyPulses}
     */
    DeviceArrays drawDevices(long rows, long columns, long key);

    /**
     * Applies counted pulses to every device: {@code up[i][j]} potentiating and {@code down[i][j]} depressing pulses
     * (whole numbers {@code >= 0}), each moving the device by the rule's step at its present state, with
     * cycle-to-cycle noise; the result never leaves the device's own {@code [wMin, wMax]}.
     *
     * @param w        present states {@code [rows, columns]}, device units; not modified
     * @param up       potentiating pulse counts, same shape
     * @param down     depressing pulse counts, same shape
     * @param devices  the arrays from {@link #drawDevices}
     * @param noiseKey key of this update's cycle-to-cycle noise
     * @return new states, same shape and data type as {@code w}
     */
    INDArray applyPulses(INDArray w, INDArray up, INDArray down, DeviceArrays devices, long noiseKey);

    /**
     * Applies counted pulses to one block of consecutive rows only, {@code [fromRow, fromRow + up.rows())}, as
     * {@link #applyPulses} would with zero counts on every other row (a pulse-free device does not move). A
     * Tiki-Taka transfer writes a few rows per update; a rule that can slice its device arrays overrides this to
     * touch only those rows. The default pads the counts with zeros and applies them to the whole array.
     *
     * @param w        present states of the whole array {@code [rows, columns]}; not modified
     * @param fromRow  first row of the block, {@code 0 <= fromRow <= rows - up.rows()}
     * @param up       potentiating pulse counts of the block {@code [blockRows, columns]}
     * @param down     depressing pulse counts of the block, same shape
     * @param devices  the arrays from {@link #drawDevices} for the whole array
     * @param noiseKey key of this update's cycle-to-cycle noise
     * @return the new states of the block {@code [blockRows, columns]}, data type of {@code w}
     * @throws IllegalArgumentException if the block does not fit in {@code w} or the counts' shapes differ
     */
    default INDArray applyPulsesToRows(INDArray w, long fromRow, INDArray up, INDArray down, DeviceArrays devices,
                                       long noiseKey) {
        long blockRows = up.rows();
        if (fromRow < 0 || blockRows < 1 || fromRow + blockRows > w.rows() || up.columns() != w.columns()
                || !Arrays.equals(up.shape(), down.shape())) {
            throw new IllegalArgumentException("a block of " + Arrays.toString(up.shape()) + " up and "
                    + Arrays.toString(down.shape()) + " down counts from row " + fromRow
                    + " does not fit states of shape " + Arrays.toString(w.shape()));
        }
        INDArray fullUp = Nd4j.zeros(up.dataType(), w.rows(), w.columns());
        INDArray fullDown = Nd4j.zeros(down.dataType(), w.rows(), w.columns());
        INDArrayIndex block = NDArrayIndex.interval(fromRow, fromRow + blockRows);
        fullUp.get(block, NDArrayIndex.all()).assign(up);
        fullDown.get(block, NDArrayIndex.all()).assign(down);
        return applyPulses(w, fullUp, fullDown, devices, noiseKey)
                .get(block, NDArrayIndex.all()).dup();
    }

    /**
     * @param w       states {@code [rows, columns]}
     * @param devices the arrays from {@link #drawDevices}
     * @return the states clipped to each device's own bounds
     */
    INDArray clip(INDArray w, DeviceArrays devices);

    /** @return the mean minimal step {@code dwMin} (device units per pulse), used to map a learning rate to pulse probabilities */
    double dwMin();

    /** @return the mean lower bound {@code wMin} (device units, negative) */
    double wMin();

    /** @return the mean upper bound {@code wMax} (device units, positive) */
    double wMax();

    /** Marker for the per-device parameter arrays of one chip; only the device model that drew them reads them. */
    interface DeviceArrays {
    }
}
