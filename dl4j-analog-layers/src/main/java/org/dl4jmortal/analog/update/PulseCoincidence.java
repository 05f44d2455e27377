package org.dl4jmortal.analog.update;

import java.util.SplittableRandom;
import org.dl4jmortal.analog.host.HostArrays;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Stochastic pulse update (Gokmen &amp; Vlasov, Front. Neurosci. 10:333, 2016, eqs. 1-3; aihwkit
 * {@code PulsedUpdateParameters}), sample by sample: for learning rate {@code lr},
 * {@code A B = lr / (dwMin BL)}; in each of {@code BL} slots row {@code i} fires with probability
 * {@code min(1, A |x_i|)} and column {@code j} with {@code min(1, B |delta_j|)}; a coincidence moves device
 * {@code ij} by one pulse in the direction of {@code -sign(x_i delta_j)}, so the expected change is
 * {@code -lr x_i delta_j} (while no probability is clipped at 1). Update management sets
 * {@code A = sqrt(lr/(dwMin BL) * max|delta| / max|x|)}, {@code B = sqrt(lr/(dwMin BL) * max|x| / max|delta|)} per
 * sample; bit-length management uses {@code BL_b = min(BL, ceil(lr max|x| max|delta| / dwMin))} per sample.
 * <p>
 * The trains are drawn per side from a {@link SplittableRandom} stream seeded with the update's key (a pure function
 * of the key and the inputs) and their coincidences counted by {@link FiredLines}: pair by pair when few, else with
 * two matrix products of the trains stacked over the batch (rows = train slots), {@code T = X^T D} (all
 * coincidences) and {@code S = (sign(x) X)^T (sign(delta) D)} (their signed sum); since every coincidence of one
 * sample at device {@code ij} has the same sign, {@code down = (T + S)/2} and {@code up = (T - S)/2}. The order of
 * pulses inside one mini-batch is not kept (the rule applies all ups, then all downs).
 */
public final class PulseCoincidence {
    private PulseCoincidence() {
    }

    /**
     * Per-sample train settings.
     *
     * @param bitLengths {@code BL_b} per sample (0 for a sample that sends no pulse)
     * @param a          the x-train scale {@code A_b} per sample (probability {@code min(1, A_b |x|)})
     * @param b          the delta-train scale {@code B_b} per sample (probability {@code min(1, B_b |delta|)})
     * @param slots      the sum of the bit lengths
     */
    public record Trains(int[] bitLengths, double[] a, double[] b, int slots) {
    }

    /**
     * The per-sample bit lengths and train scales of the class comment (update and bit-length management).
     *
     * @param maxX     {@code max|x_b|} per sample
     * @param maxDelta {@code max|delta_b|} per sample
     * @param lr       learning rate, {@code >= 0}
     * @param dwMin    mean minimal device step, {@code > 0}
     * @param config   bit length and managements
     * @return the settings; samples with a zero maximum or {@code lr = 0} get bit length 0
     */
    public static Trains trains(double[] maxX, double[] maxDelta, double lr, double dwMin, UpdateConfig config) {
        int batch = maxX.length;
        int[] bl = new int[batch];
        double[] a = new double[batch];
        double[] b = new double[batch];
        int slots = 0;
        for (int s = 0; s < batch; s++) {
            if (lr == 0 || maxX[s] == 0 || maxDelta[s] == 0 || !Double.isFinite(maxX[s] * maxDelta[s])) {
                continue;
            }
            int length = config.bitLength();
            if (config.bitLengthManagement()) {
                length = (int) Math.max(1, Math.min(length, Math.ceil(lr * maxX[s] * maxDelta[s] / dwMin)));
            }
            double ab = lr / (dwMin * length);
            if (config.updateManagement()) {
                a[s] = Math.sqrt(ab * maxDelta[s] / maxX[s]);
                b[s] = Math.sqrt(ab * maxX[s] / maxDelta[s]);
            } else {
                a[s] = Math.sqrt(ab);
                b[s] = Math.sqrt(ab);
            }
            bl[s] = length;
            slots += length;
        }
        return new Trains(bl, a, b, slots);
    }

    /**
     * @param x      layer input {@code [batch, nIn]}
     * @param delta  per-sample error in device units {@code [batch, nOut]} (already scaled so that the wanted
     *               change of device {@code ij} is {@code -lr sum_b x_bi delta_bj})
     * @param lr     learning rate, {@code >= 0}
     * @param dwMin  mean minimal device step, {@code > 0}
     * @param config bit length, managements and mode
     * @param key    key of this update's trains
     * @return up and down pulse counts {@code [nIn, nOut]}
     * @throws IllegalArgumentException if {@code lr < 0}, {@code dwMin <= 0} or the shapes disagree
     */
    public static PulseCounts count(INDArray x, INDArray delta, double lr, double dwMin, UpdateConfig config, long key) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        }
        if (!(dwMin > 0)) {
            throw new IllegalArgumentException("dwMin must be > 0, got " + dwMin);
        }
        if (x.rows() != delta.rows()) {
            throw new IllegalArgumentException("x has " + x.rows() + " rows but delta has " + delta.rows());
        }
        DataType type = x.dataType();
        int batch = (int) x.rows();
        long nIn = x.columns();
        long nOut = delta.columns();
        double[] xv = HostArrays.toDoubles(x);
        double[] dv = HostArrays.toDoubles(delta);
        double[] mx = rowMaxAbs(xv, batch, Math.toIntExact(nIn));
        double[] md = rowMaxAbs(dv, batch, Math.toIntExact(nOut));
        Trains trains = trains(mx, md, lr, dwMin, config);
        int[] bl = trains.bitLengths();
        double[] a = trains.a();
        double[] b = trains.b();
        int slots = trains.slots();
        if (slots == 0) {
            return new PulseCounts(Nd4j.zeros(type, nIn, nOut), Nd4j.zeros(type, nIn, nOut), 0);
        }
        if (!config.meanCount()) {
            FiredLines rows = FiredLines.draw(xv, Math.toIntExact(nIn), a, bl,
                    new SplittableRandom(KeyedRandom.key(key, 1)));
            FiredLines columns = FiredLines.draw(dv, Math.toIntExact(nOut), b, bl,
                    new SplittableRandom(KeyedRandom.key(key, 2)));
            return FiredLines.coincidences(rows, columns, type);
        }
        INDArray absX = Transforms.abs(x, true);
        INDArray absD = Transforms.abs(delta.castTo(type), true);
        INDArray p = Transforms.min(absX.mulColumnVector(Nd4j.createFromArray(a).castTo(type).reshape(batch, 1)),
                1.0, false);
        INDArray q = Transforms.min(absD.mulColumnVector(Nd4j.createFromArray(b).castTo(type).reshape(batch, 1)),
                1.0, false);
        INDArray signX = Transforms.sign(x, true);
        INDArray signD = Transforms.sign(delta.castTo(type), true);
        INDArray lengths = Nd4j.createFromArray(bl).castTo(type).reshape(batch, 1);
        INDArray pl = p.mulColumnVector(lengths);
        INDArray total = pl.transpose().mmul(q);
        INDArray signed = pl.mul(signX).transpose().mmul(q.mul(signD));
        INDArray down = total.add(signed).muli(0.5);
        INDArray up = total.subi(signed).muli(0.5);
        return new PulseCounts(up, down, slots);
    }

    /**
     * @param v    row-major values {@code [rows, n]}
     * @param rows rows
     * @param n    values per row
     * @return {@code max_i |v[r, i]|} of every row {@code r} (the maxima the managements scale by)
     */
    static double[] rowMaxAbs(double[] v, int rows, int n) {
        double[] max = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                max[r] = Math.max(max[r], Math.abs(v[r * n + i]));
            }
        }
        return max;
    }
}
