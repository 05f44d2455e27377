package org.dl4jmortal.analog.device;

import org.dl4jmortal.spi.device.ProgrammedDevicePhysics;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The physics of the {@code ideal} device: programming is exact, nothing drifts and nothing fluctuates
 * ({@code sigma_prog = mu_nu = sigma_nu = Q_s = 0}). The times {@code t0} = 20 s and {@code t_read} = 250 ns are
 * kept so that time-dependent functions stay defined. Immutable singleton.
 */
public final class IdealPhysics implements ProgrammedDevicePhysics {
    /** The only instance. */
    public static final IdealPhysics INSTANCE = new IdealPhysics();

    private IdealPhysics() {
    }

    /** {@inheritDoc} Always zero. */
    @Override
    public INDArray programmingNoiseStd(INDArray gTarget) {
        return gTarget.ulike().assign(0.0);
    }

    /** {@inheritDoc} Always zero. */
    @Override
    public INDArray driftExponentMean(INDArray gTarget) {
        return gTarget.ulike().assign(0.0);
    }

    /** {@inheritDoc} Always zero. */
    @Override
    public INDArray driftExponentStd(INDArray gTarget) {
        return gTarget.ulike().assign(0.0);
    }

    /** {@inheritDoc} 20 s. */
    @Override
    public double driftReferenceTime() {
        return 20.0;
    }

    /** {@inheritDoc} Always zero. */
    @Override
    public INDArray oneOverFAmplitude(INDArray gProgrammed) {
        return gProgrammed.ulike().assign(0.0);
    }

    /** {@inheritDoc} 250 ns. */
    @Override
    public double readTime() {
        return 250e-9;
    }

    @Override
    public String toString() {
        return "IdealPhysics";
    }
}
