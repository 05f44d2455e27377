package org.dl4jmortal.analog.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PcmPhysicsTest {
    private static final double[] G = {0.0, 1e-9, 1e-4, 1e-3, 0.01, 0.1, 0.3, 0.5, 0.8, 1.0};

    @Test
    void formulasMatchTheClosedFormsOfDesignSection3() {
        PcmPhysics p = PcmPhysics.defaults();
        INDArray g = Nd4j.create(G);
        double[] sigma = p.programmingNoiseStd(g).toDoubleVector();
        double[] mu = p.driftExponentMean(g).toDoubleVector();
        double[] sd = p.driftExponentStd(g).toDoubleVector();
        double[] q = p.oneOverFAmplitude(g).toDoubleVector();
        for (int i = 0; i < G.length; i++) {
            double r = G[i];
            double rc = Math.max(r, 1e-7);
            assertEquals((0.26348 + 1.9650 * r - 1.1731 * r * r) / 25, sigma[i], 1e-15, "sigma_prog at " + r);
            assertEquals(Math.min(Math.max(-0.0155 * Math.log(rc) + 0.0244, 0.049), 0.1), mu[i], 1e-15, "mu_nu at " + r);
            assertEquals(Math.min(Math.max(-0.0125 * Math.log(rc) - 0.0059, 0.008), 0.045), sd[i], 1e-15, "sigma_nu at " + r);
            assertEquals(Math.min(0.0088 / Math.max(Math.pow(r, 0.65), 1e-3), 0.2), q[i], 1e-14, "Q_s at " + r);
        }
        assertEquals(20.0, p.driftReferenceTime());
        assertEquals(250e-9, p.readTime());
        assertEquals(0.1, mu[1], 0.0, "mu_nu clamps at 0.1 for tiny r");
        assertEquals(0.049, mu[9], 0.0, "mu_nu clamps at 0.049 for r = 1");
        assertEquals(0.2, q[0], 0.0, "Q_s clamps at 0.2");
    }

    @Test
    void idealPhysicsIsZero() {
        INDArray g = Nd4j.create(G);
        assertEquals(Nd4j.zeros(DataType.DOUBLE, G.length), IdealPhysics.INSTANCE.programmingNoiseStd(g));
        assertEquals(Nd4j.zeros(DataType.DOUBLE, G.length), IdealPhysics.INSTANCE.driftExponentMean(g));
        assertEquals(Nd4j.zeros(DataType.DOUBLE, G.length), IdealPhysics.INSTANCE.driftExponentStd(g));
        assertEquals(Nd4j.zeros(DataType.DOUBLE, G.length), IdealPhysics.INSTANCE.oneOverFAmplitude(g));
    }
}
