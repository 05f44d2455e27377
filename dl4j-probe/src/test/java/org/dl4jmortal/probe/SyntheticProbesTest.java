package org.dl4jmortal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.BaseDL4JTest;
import org.dl4jmortal.probe.record.SyntheticProbes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SyntheticProbesTest extends BaseDL4JTest {

    private static INDArray readAll(SyntheticProbes p, int batch) {
        List<INDArray> l = new ArrayList<>();
        INDArray b;
        while ((b = p.next(batch)) != null) {
            assertTrue(b.size(0) <= batch);
            l.add(b);
        }
        return Nd4j.vstack(l.toArray(new INDArray[0]));
    }

    @Test
    void rowsDoNotDependOnBatchingOrSkipping() {
        INDArray a = readAll(SyntheticProbes.parse("gaussian:2500", 5, 11), 7);
        INDArray b = readAll(SyntheticProbes.parse("gaussian:2500", 5, 11), 1000);
        assertEquals(a, b);
        assertEquals(2500, a.size(0));
        SyntheticProbes s = SyntheticProbes.parse("gaussian:2500", 5, 11);
        s.skip(1500);
        assertEquals(a.get(NDArrayIndex.interval(1500, 2500), NDArrayIndex.all()), readAll(s, 300));
        assertNull(s.next(1));
    }

    @Test
    void distributionsHaveTheirMoments() {
        // 2048 x 10 = 20,480 values: N(0,1) mean within 4/sqrt(n), std within 3%; U[0,1) mean 1/2, var 1/12
        INDArray g = readAll(SyntheticProbes.parse("gaussian:2048", 10, 5), 512);
        assertEquals(0.0, g.meanNumber().doubleValue(), 4 / Math.sqrt(20480));
        assertEquals(1.0, g.stdNumber().doubleValue(), 0.03);
        INDArray u = readAll(SyntheticProbes.parse("uniform:2048", 10, 5), 512);
        assertEquals(0.5, u.meanNumber().doubleValue(), 4 * Math.sqrt(1 / 12.0) / Math.sqrt(20480));
        assertEquals(Math.sqrt(1 / 12.0), u.stdNumber().doubleValue(), 0.03 * Math.sqrt(1 / 12.0));
        assertTrue(u.minNumber().doubleValue() >= 0 && u.maxNumber().doubleValue() < 1);
    }

    @Test
    void badSpecsAreRefused() {
        for (String spec : new String[]{"gaussian", "normal:10", "uniform:-3", "uniform:x", "gaussian:0", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SyntheticProbes.parse(spec, 4, 1));
            assertTrue(e.getMessage().contains("'gaussian:N' or 'uniform:N'"), e.getMessage());
        }
    }
}
