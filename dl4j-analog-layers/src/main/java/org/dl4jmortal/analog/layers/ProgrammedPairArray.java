package org.dl4jmortal.analog.layers;

import java.util.Map;
import org.dl4jmortal.analog.conf.AnalogParams;
import org.dl4jmortal.analog.device.DeviceSettings;
import org.dl4jmortal.analog.physics.DeviceVariation;
import org.dl4jmortal.analog.physics.Drift;
import org.dl4jmortal.analog.physics.FaultMap;
import org.dl4jmortal.analog.physics.PairMapping;
import org.dl4jmortal.analog.physics.ProgrammedPair;
import org.dl4jmortal.analog.physics.ProgrammingNoise;
import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;
import org.dl4jmortal.spi.random.KeyedRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Programmed unipolar pairs (PCM; DESIGN.md §3, aihwkit's single-pair converter): a positive weight sets
 * {@code g+ = w / wScale, g- = 0}, a negative one the reverse, {@code wScale} per column so the largest |w| maps to
 * {@code gMax}; programming adds the device's programming noise and device-to-device gain; drift exponents are drawn
 * at programming; the array at time t is drift, then the 1/f path, then the stuck devices.
 */
final class ProgrammedPairArray implements CrosspointArray {
    private final long seed;
    private final long nIn;
    private final long nOut;
    private final Map<String, INDArray> params;
    private final DeviceSettings settings;
    private final ProgrammedDevicePhysics physics;

    ProgrammedPairArray(long seed, long nIn, long nOut, Map<String, INDArray> params, DeviceSettings settings) {
        this.seed = seed;
        this.nIn = nIn;
        this.nOut = nOut;
        this.params = params;
        this.settings = settings;
        this.physics = settings.physics().orElseThrow();
    }

    @Override
    public void drawFixedVariation() {
        long[] shape = {nIn, nOut};
        params.get(AnalogParams.FAULT_PLUS).assign(FaultMap.draw(shape, settings.stuckAtZeroFraction(),
                settings.stuckAtGMaxFraction(), KeyedRandom.key(seed, "faults+")));
        params.get(AnalogParams.FAULT_MINUS).assign(FaultMap.draw(shape, settings.stuckAtZeroFraction(),
                settings.stuckAtGMaxFraction(), KeyedRandom.key(seed, "faults-")));
    }

    @Override
    public void program(INDArray w, long count) {
        INDArray wScale = PairMapping.columnScale(w);
        INDArray[] targets = PairMapping.targets(w, wScale);
        // the device's programmingNoiseStd already carries its programmingNoiseScale parameter
        double noiseScale = 1.0;
        long[] shape = {nIn, nOut};
        INDArray gainPlus = DeviceVariation.gain(shape, settings.conductanceDtod(), KeyedRandom.key(seed, "gain+"));
        INDArray gainMinus = DeviceVariation.gain(shape, settings.conductanceDtod(), KeyedRandom.key(seed, "gain-"));
        params.get(AnalogParams.G_PLUS).assign(ProgrammingNoise.program(targets[0], physics, noiseScale,
                KeyedRandom.key(seed, "program+", count)).muli(gainPlus));
        params.get(AnalogParams.G_MINUS).assign(ProgrammingNoise.program(targets[1], physics, noiseScale,
                KeyedRandom.key(seed, "program-", count)).muli(gainMinus));
        params.get(AnalogParams.NU_PLUS).assign(Drift.drawExponents(targets[0], physics,
                KeyedRandom.key(seed, "nu+", count)));
        params.get(AnalogParams.NU_MINUS).assign(Drift.drawExponents(targets[1], physics,
                KeyedRandom.key(seed, "nu-", count)));
        params.get(AnalogParams.W_SCALE).assign(wScale);
    }

    @Override
    public INDArray normalisedWeightsAt(double t, long count) {
        boolean drift = settings.driftOn();
        boolean oneOverF = settings.oneOverFNoiseOn();
        INDArray plus = ProgrammedPair.conductanceAt(params.get(AnalogParams.G_PLUS), params.get(AnalogParams.NU_PLUS),
                params.get(AnalogParams.FAULT_PLUS), t, physics, drift, oneOverF, KeyedRandom.key(seed, "1/f+", count));
        INDArray minus = ProgrammedPair.conductanceAt(params.get(AnalogParams.G_MINUS),
                params.get(AnalogParams.NU_MINUS), params.get(AnalogParams.FAULT_MINUS), t, physics, drift, oneOverF,
                KeyedRandom.key(seed, "1/f-", count));
        return plus.sub(minus);
    }
}
