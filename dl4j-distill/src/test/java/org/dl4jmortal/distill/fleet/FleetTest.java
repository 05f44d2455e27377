package org.dl4jmortal.distill.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.BaseDL4JTest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jmortal.analog.chip.AnalogChip;
import org.dl4jmortal.analog.chip.AnalogConverter;
import org.dl4jmortal.distill.FleetRun;
import org.dl4jmortal.distill.eval.EvaluationSet;
import org.dl4jmortal.distill.loss.Distributions;
import org.dl4jmortal.distill.student.MlpSpec;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.distill.DistillationListener;
import org.dl4jmortal.spi.distill.DistillationSettings;
import org.dl4jmortal.spi.distill.TransferSet;
import org.dl4jmortal.spi.plugin.MortalRegistry;
import org.dl4jmortal.spi.plugin.PluginKind;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A fleet of clones of a small PCM chip, programmed into fresh chips from the simulated chip factory. */
class FleetTest extends BaseDL4JTest {
    private static final int TRANSFER = 1200;
    private static final int TEST = 300;

    @Override
    public DataType getDataType() {
        return DataType.FLOAT;
    }

    private static AnalogChip original() {
        MultiLayerNetwork net = new MlpSpec(List.of(12, 10, 4)).digital(3, 1e-3);
        net.params().muli(2.0);
        return new AnalogConverter("pcm", Map.of(), 3).convert(net, "test").chip();
    }

    private static INDArray rows(long seed, int n) {
        return KeyedRandom.uniform(KeyedRandom.key(seed, "rows"), DataType.FLOAT, n, 12);
    }

    private static EvaluationSet eval(AnalogChip original) {
        INDArray x = rows(2, TEST);
        int[] c = Distributions.top1(original.evaluationOracle().noiseFreeOutput(x));
        INDArray y = Nd4j.zeros(DataType.FLOAT, TEST, 4);
        for (int i = 0; i < TEST; i++) {
            y.putScalar(i, c[i], 1f);
        }
        return new EvaluationSet(x, y);
    }

    private static FleetReport fleet(AnalogChip original, FleetSettings settings) {
        ChipFactory factory = MortalRegistry.global().get(PluginKind.CHIP_FACTORY, "simulated");
        return FleetRun.run(original, new MlpSpec(List.of(12, 10, 4)).digital(5, 1e-2),
                TransferSet.of("uniform rows", rows(1, TRANSFER), null), DistillationSettings.builder().epochs(6)
                        .build(), eval(original), 5, factory, settings, DistillationListener.NONE, null);
    }

    @Test
    void clonesHaveTheirOwnSeedsAndAgreeWithTheOriginal() {
        AnalogChip original = original();
        FleetReport r = fleet(original, FleetSettings.of(2, 17));
        assertEquals(2, r.clones().size());
        assertEquals(KeyedRandom.key(17, "clone", 0), r.clones().get(0).seed());
        assertEquals(KeyedRandom.key(17, "clone", 1), r.clones().get(1).seed());
        for (CloneResult c : r.clones()) {
            assertTrue(c.at1s().agreement() >= r.distill().fidelity().agreement() - 0.1,
                    "a PCM clone of the digital copy stays close to it: " + c.at1s().agreement() + " vs "
                            + r.distill().fidelity().agreement());
        }
        assertNotEquals(r.clones().get(0).at1d(), r.clones().get(1).at1d(), "two chips, two noise draws");
        // one query per transfer row, then K = 5 passes and one self-agreement pass on the test rows
        assertEquals(TRANSFER + 6L * TEST, r.queries());
        assertEquals(TRANSFER, r.distill().result().queries());
        assertEquals("cached", r.distill().result().teacherOutputs());
    }

    @Test
    void clonesOfAPulsedDeviceCanBeFineTunedInPlace() {
        AnalogChip original = original();
        FleetReport r = fleet(original, new FleetSettings(1, "soft-bounds", Map.of(), 1, 2, 0.01, 0.8));
        assertEquals(2, r.clones().get(0).lossPerEpoch().size());
        assertTrue(r.clones().get(0).fineTuned());
        assertEquals(TRANSFER + 6L * TEST, r.queries(), "fine-tuning reuses the recorded outputs: no new query");
    }

    @Test
    void fineTuningAProgrammedOnlyDeviceIsRejected() {
        AnalogChip original = original();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fleet(original, new FleetSettings(1, "pcm", Map.of(), 1, 1, 0.01, 0.8)));
        assertTrue(e.getMessage().contains("cannot be trained in place: its devices have no pulse rule"),
                e.getMessage());
    }

    @Test
    void fleetSizeBelowOneIsRejected() {
        for (int n : new int[] {0, -3}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FleetSettings.of(n, 1));
            assertEquals("a fleet needs N >= 1 clones, got " + n, e.getMessage());
        }
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class,
                () -> new FleetSettings(1, "pcm", Map.of(), 1, 1, 0, 0.8));
        assertTrue(lr.getMessage().contains("learning rate must be a finite number > 0"), lr.getMessage());
    }
}
