package org.dl4jmortal.analog.update;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.dl4jmortal.analog.host.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The transfer step of Tiki-Taka (Gokmen &amp; Haensch, "Algorithm for Training Neural Networks on Resistive Device
 * Arrays", Front. Neurosci. 14:103, 2020, Algorithm 1 with {@code gamma = 0}; aihwkit {@code TransferCompound} with
 * sequential row selection). Gradient pulses go to a fast array {@code A}; after every {@code transferEvery}
 * samples (or mini-batches), {@code readsPerTransfer} consecutive rows {@code k} of {@code A} are read with one-hot inputs
 * {@code e_k} through the forward periphery, and each read vector {@code v_k} {@code [nOut]} is written into row
 * {@code k} of the slow array {@code C} by a pulsed rank-one update with learning rate {@code lr_t}: the expected
 * change of {@code C[k, j]} is {@code +lr_t v_kj}. Rows cycle through {@code 0 .. nIn-1}. Pure functions.
 * <p>
 * Why it helps on soft-bounds devices: every pulse pulls a soft-bounds device towards its symmetry point (0), so a
 * weight that receives {@code N} pulses of mixed sign per epoch forgets on a scale of {@code wMax / dwMin} pulses.
 * {@code A} averages the noisy per-sample gradients (its decay towards 0 is harmless there: it acts as a leaky
 * integrator), and {@code C} receives only the few, coherent transfer pulses.
 */
public final class TikiTakaTransfer {
    private TikiTakaTransfer() {
    }

    /**
     * The rows of {@code A} to transfer right after an update. With {@code unitsInMiniBatch} a transfer follows every
     * {@code transferEvery}-th mini-batch (aihwkit {@code units_in_mbatch = True}); otherwise {@code transferEvery}
     * counts samples (matrix-vector products, aihwkit's original unit and the paper's, whose networks train with one
     * image per update): an update of {@code batch} samples then carries {@code round(batch / transferEvery)}
     * transfers, or one transfer every {@code round(transferEvery / batch)} updates when {@code transferEvery >
     * batch}. Each transfer takes the next {@code readsPerTransfer} rows; the row pointer is a function of the update
     * count (exact while the batch size is constant; a shorter last batch of an epoch shifts it, which only changes
     * the order rows are visited in).
     *
     * @param updateIndex      number of in-place updates before this one ({@code >= 0}; the update just applied is
     *                         update {@code updateIndex + 1})
     * @param batch            samples in this update, {@code >= 1}
     * @param transferEvery    samples or mini-batches between transfers, {@code >= 1}
     * @param unitsInMiniBatch whether {@code transferEvery} counts mini-batches instead of samples
     * @param readsPerTransfer rows per transfer, {@code >= 1}
     * @param nIn              rows of the array, {@code >= 1}
     * @return the row indices, in order, each at most once, or an empty array when no transfer is due
     * @throws IllegalArgumentException if an argument is outside its range
     */
    public static int[] rowsAfterUpdate(long updateIndex, long batch, int transferEvery, boolean unitsInMiniBatch,
                                        int readsPerTransfer, long nIn) {
        if (updateIndex < 0 || batch < 1 || transferEvery < 1 || readsPerTransfer < 1 || nIn < 1) {
            throw new IllegalArgumentException("need updateIndex >= 0, batch >= 1, transferEvery >= 1,"
                    + " readsPerTransfer >= 1 and nIn >= 1, got " + updateIndex + ", " + batch + ", " + transferEvery
                    + ", " + readsPerTransfer + ", " + nIn);
        }
        long period;
        long transfersPerUpdate;
        if (unitsInMiniBatch) {
            period = transferEvery;
            transfersPerUpdate = 1;
        } else if (transferEvery <= batch) {
            period = 1;
            transfersPerUpdate = Math.max(1, Math.round((double) batch / transferEvery));
        } else {
            period = Math.max(1, Math.round((double) transferEvery / batch));
            transfersPerUpdate = 1;
        }
        long done = updateIndex + 1;
        if (done % period != 0) {
            return new int[0];
        }
        long transfersBefore = (done / period - 1) * transfersPerUpdate;
        int n = (int) Math.min(transfersPerUpdate * readsPerTransfer, nIn);
        int[] rows = new int[n];
        long first = Math.floorMod(transfersBefore * readsPerTransfer, nIn);
        for (int i = 0; i < n; i++) {
            rows[i] = (int) ((first + i) % nIn);
        }
        return rows;
    }

    /**
     * @param rows row indices
     * @param nIn  width of each one-hot vector
     * @param type data type of the result
     * @return one-hot inputs {@code [rows.length, nIn]}, row {@code r} holding 1 at column {@code rows[r]}
     */
    public static INDArray oneHot(int[] rows, long nIn, DataType type) {
        INDArray e = Nd4j.zeros(type, rows.length, nIn);
        for (int r = 0; r < rows.length; r++) {
            e.putScalar(r, rows[r], 1.0);
        }
        return e;
    }

    /**
     * Pulses of one transfer: the stochastic (or mean-count) pulse update of {@link PulseCoincidence} for inputs
     * {@code e_k} and errors {@code -v_k}, so that the expected change of {@code C[k, j]} is {@code +lr_t v_kj}. The
     * same trains and probabilities as {@link PulseCoincidence#count}, counted without the full product: with a
     * one-hot input only line {@code k} fires, so the coincidences of row {@code k} are the slots where its x-bit
     * and the column's delta-bit both fire (one x-bit per slot, shared by the columns, as on the array). So the row
     * fires in {@code F ~ Binomial(BL, p)} slots and column {@code j} coincides {@code Binomial(F, q_j)} times,
     * independently over the columns given {@code F}; both are drawn so ({@link Binomial}), from a
     * {@link SplittableRandom} seeded with the key: a pure function of (key, reads).
     *
     * @param reads  the rows of {@code A} as read {@code [n, nOut]}, device units
     * @param lr     transfer learning rate {@code lr_t}, {@code >= 0}
     * @param dwMin  mean minimal step of the slow devices, {@code > 0}
     * @param config bit length, managements and mode (aihwkit's {@code transfer_update} defaults to the same ones)
     * @param key    key of this transfer's trains
     * @return up and down pulse counts {@code [n, nOut]}, row {@code r} for the row of {@code C} read as
     * {@code reads} row {@code r}
     * @throws IllegalArgumentException if {@code lr < 0} or {@code dwMin <= 0}
     */
    public static PulseCounts pulses(INDArray reads, double lr, double dwMin, UpdateConfig config, long key) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("transfer learning rate must be finite and >= 0, got " + lr);
        }
        if (!(dwMin > 0)) {
            throw new IllegalArgumentException("dwMin must be > 0, got " + dwMin);
        }
        DataType type = reads.dataType();
        int n = Math.toIntExact(reads.rows());
        int nOut = Math.toIntExact(reads.columns());
        double[] v = HostArrays.toDoubles(reads);
        double[] maxV = PulseCoincidence.rowMaxAbs(v, n, nOut);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        PulseCoincidence.Trains trains = PulseCoincidence.trains(ones, maxV, lr, dwMin, config);
        double[] up = new double[n * nOut];
        double[] down = new double[n * nOut];
        double[] q = new double[nOut];
        SplittableRandom random = new SplittableRandom(key);
        for (int r = 0; r < n; r++) {
            int length = trains.bitLengths()[r];
            if (length == 0) {
                continue;
            }
            double p = Math.min(1.0, trains.a()[r]);
            int base = r * nOut;
            for (int j = 0; j < nOut; j++) {
                q[j] = Math.min(1.0, trains.b()[r] * Math.abs(v[base + j]));
            }
            if (config.meanCount()) {
                for (int j = 0; j < nOut; j++) {
                    add(up, down, base + j, v[base + j], length * p * q[j]);
                }
                continue;
            }
            // the row's x-bit fires in F ~ Binomial(length, p) slots; in each of them column j's delta-bit fires
            // independently with probability q_j, so column j's coincidences are Binomial(F, q_j)
            int fired = Binomial.sample(length, p, random);
            for (int j = 0; j < nOut; j++) {
                add(up, down, base + j, v[base + j], Binomial.sample(fired, q[j], random));
            }
        }
        return new PulseCounts(HostArrays.fromDoubles(up, n, nOut, type), HostArrays.fromDoubles(down, n, nOut, type),
                trains.slots());
    }

    /** The wanted change is {@code +lr v}: potentiation where {@code v > 0}, depression where {@code v < 0}. */
    private static void add(double[] up, double[] down, int index, double v, double count) {
        if (v > 0) {
            up[index] += count;
        } else if (v < 0) {
            down[index] += count;
        }
    }
}
