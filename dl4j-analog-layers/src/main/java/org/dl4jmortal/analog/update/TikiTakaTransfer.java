package org.dl4jmortal.analog.update;

import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
     * and the column's delta-bit both fire (one x-bit per slot, shared by the columns, as on the array).
     *
     * @param rows   the transferred rows {@code k}, distinct, each in {@code [0, nIn)}
     * @param reads  the rows of {@code A} as read {@code [rows.length, nOut]}, device units
     * @param nIn    rows of the array
     * @param lr     transfer learning rate {@code lr_t}, {@code >= 0}
     * @param dwMin  mean minimal step of the slow devices, {@code > 0}
     * @param config bit length, managements and mode (aihwkit's {@code transfer_update} defaults to the same ones)
     * @param key    key of this transfer's trains
     * @return up and down pulse counts {@code [nIn, nOut]} (zero outside the transferred rows)
     * @throws IllegalArgumentException if {@code lr < 0}, {@code dwMin <= 0}, or the rows and reads disagree
     */
    public static PulseCounts pulses(int[] rows, INDArray reads, long nIn, double lr, double dwMin,
                                     UpdateConfig config, long key) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("transfer learning rate must be finite and >= 0, got " + lr);
        }
        if (!(dwMin > 0)) {
            throw new IllegalArgumentException("dwMin must be > 0, got " + dwMin);
        }
        if (reads.rows() != rows.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + reads.rows() + " reads");
        }
        DataType type = reads.dataType();
        int n = rows.length;
        long nOut = reads.columns();
        INDArray absV = Transforms.abs(reads, true);
        double[] maxV = absV.max(1).toDoubleVector();
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        PulseCoincidence.Trains trains = PulseCoincidence.trains(ones, maxV, lr, dwMin, config);
        INDArray counts;
        if (trains.slots() == 0) {
            return new PulseCounts(Nd4j.zeros(type, nIn, nOut), Nd4j.zeros(type, nIn, nOut), 0);
        }
        double[] p = new double[n];
        for (int r = 0; r < n; r++) {
            p[r] = Math.min(1.0, trains.a()[r]);
        }
        INDArray q = Transforms.min(absV.mulColumnVector(Nd4j.createFromArray(trains.b()).castTo(type).reshape(n, 1)),
                1.0, false);
        if (config.meanCount()) {
            double[] lp = new double[n];
            for (int r = 0; r < n; r++) {
                lp[r] = trains.bitLengths()[r] * p[r];
            }
            counts = q.mulColumnVector(Nd4j.createFromArray(lp).castTo(type).reshape(n, 1));
        } else {
            int slots = trains.slots();
            int[] slotRow = new int[slots];
            double[] slotP = new double[slots];
            INDArray slotToRow = Nd4j.zeros(type, n, slots);
            int s = 0;
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < trains.bitLengths()[r]; k++) {
                    slotRow[s] = r;
                    slotP[s] = p[r];
                    slotToRow.putScalar(r, s, 1.0);
                    s++;
                }
            }
            INDArray xBits = KeyedRandom.uniform(KeyedRandom.key(key, 1), type, slots, 1)
                    .lt(Nd4j.createFromArray(slotP).castTo(type).reshape(slots, 1)).castTo(type);
            INDArray dBits = KeyedRandom.uniform(KeyedRandom.key(key, 2), type, slots, nOut)
                    .lt(Nd4j.pullRows(q, 1, slotRow)).castTo(type);
            counts = slotToRow.mmul(dBits.muliColumnVector(xBits));
        }
        // the wanted change is +lr v: potentiation where v > 0, depression where v < 0
        INDArray positive = reads.gt(0.0).castTo(type);
        INDArray negative = reads.lt(0.0).castTo(type);
        INDArray up = Nd4j.zeros(type, nIn, nOut);
        INDArray down = Nd4j.zeros(type, nIn, nOut);
        for (int r = 0; r < n; r++) {
            up.putRow(rows[r], counts.getRow(r).mul(positive.getRow(r)));
            down.putRow(rows[r], counts.getRow(r).mul(negative.getRow(r)));
        }
        return new PulseCounts(up, down, trains.slots());
    }
}
