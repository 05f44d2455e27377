package org.dl4jmortal.samples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class AccuracyTest {

    @Test
    void countsRowsWhoseTopOutputIsTheLabel() {
        INDArray outputs = Nd4j.createFromArray(new float[][]{{0.1f, 0.7f, 0.2f}, {0.5f, 0.4f, 0.1f},
            {0.2f, 0.2f, 0.6f}, {0.3f, 0.3f, 0.3f}});
        INDArray labels = Nd4j.createFromArray(new float[][]{{0, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}});
        // rows 0 and 2 right, row 1 wrong, row 3 a three-way tie resolved to index 0 = right
        assertEquals(3, Accuracy.countCorrect(outputs, labels));
    }

    @Test
    void top1AveragesOverAllBatchesOfTheIterator() {
        // a "model" that always answers class 0; labels: batch 1 has 2 of 3 rows in class 0, batch 2 has 0 of 2
        INDArray f1 = Nd4j.zeros(3, 4);
        INDArray l1 = Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}, {1, 0}});
        INDArray f2 = Nd4j.zeros(2, 4);
        INDArray l2 = Nd4j.createFromArray(new float[][]{{0, 1}, {0, 1}});
        DataSetIterator it = new ListDataSetIterator<>(List.of(new DataSet(f1, l1), new DataSet(f2, l2)), 1);
        double acc = Accuracy.top1(x -> Nd4j.createFromArray(new float[]{1, 0}).reshape(1, 2)
                .repeat(0, x.rows()), it);
        assertEquals(2.0 / 5.0, acc, 1e-12);
        // the iterator is reset first, so a second pass gives the same answer
        assertEquals(2.0 / 5.0, Accuracy.top1(x -> Nd4j.createFromArray(new float[]{1, 0}).reshape(1, 2)
                .repeat(0, x.rows()), it), 1e-12);
    }

    @Test
    void shapeMismatchIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Accuracy.countCorrect(Nd4j.zeros(2, 3), Nd4j.zeros(2, 4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    }
}
