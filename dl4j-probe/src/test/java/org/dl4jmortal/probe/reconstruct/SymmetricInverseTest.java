package org.dl4jmortal.probe.reconstruct;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SymmetricInverseTest {

    @Test
    void inverseTimesMatrixIsTheIdentity() {
        INDArray b = KeyedRandom.gaussian(KeyedRandom.key(4, "b"), DataType.DOUBLE, 60, 90);
        INDArray a = b.mmul(b.transpose()).addi(Nd4j.eye(60).castTo(DataType.DOUBLE));
        INDArray product = a.mmul(SymmetricInverse.invert(a));
        double off = product.sub(Nd4j.eye(60).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(off < 1e-10, "max |A A^-1 - I| = " + off);
    }

    @Test
    void aSingularMatrixNamesTheUndeterminedUnknown() {
        INDArray a = Nd4j.create(new double[][] {{1, 1}, {1, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymmetricInverse.invert(a));
        assertTrue(e.getMessage().contains("singular at unknown 1"), e.getMessage());
    }
}
