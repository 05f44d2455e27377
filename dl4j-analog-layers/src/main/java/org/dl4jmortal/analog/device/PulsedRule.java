package org.dl4jmortal.analog.device;

import java.util.ArrayList;
import java.util.List;
import org.dl4jmortal.analog.physics.pulsed.ConstantStepPhysics;
import org.dl4jmortal.analog.physics.pulsed.ExpStepPhysics;
import org.dl4jmortal.analog.physics.pulsed.LinearStepParameters;
import org.dl4jmortal.analog.physics.pulsed.LinearStepPhysics;
import org.dl4jmortal.analog.physics.pulsed.PowStepPhysics;
import org.dl4jmortal.spi.device.ParameterSet;
import org.dl4jmortal.spi.device.ParameterSpec;
import org.dl4jmortal.spi.device.PulsedDevicePhysics;

/**
 * The five pulsed update rules (DESIGN.md §3), each with its parameter specs and the factory of its physics.
 */
public enum PulsedRule {
    /** Constant step (Gokmen &amp; Vlasov 2016; aihwkit {@code ConstantStepDevice}). */
    CONSTANT_STEP("constant-step", false, List.of()) {
        @Override
        PulsedDevicePhysics create(ParameterSet p) {
            return new ConstantStepPhysics(PulsedParameterSpecs.pulsed(p));
        }
    },
    /** Step linear in the state (aihwkit {@code LinearStepDevice}). */
    LINEAR_STEP("linear-step", false, PulsedParameterSpecs.linearStep()) {
        @Override
        PulsedDevicePhysics create(ParameterSet p) {
            return new LinearStepPhysics(PulsedParameterSpecs.pulsed(p), PulsedParameterSpecs.linear(p), name);
        }
    },
    /** Soft bounds: LinearStep with gamma 1 and each device's own bounds (aihwkit {@code SoftBoundsDevice}). */
    SOFT_BOUNDS("soft-bounds", true, PulsedParameterSpecs.softBounds()) {
        @Override
        PulsedDevicePhysics create(ParameterSet p) {
            return new LinearStepPhysics(PulsedParameterSpecs.pulsed(p), LinearStepParameters.softBounds(
                    p.isOn(PulsedParameterSpecs.MULTIPLICATIVE_NOISE)), name);
        }
    },
    /** Exponential step (aihwkit {@code ExpStepDevice}). */
    EXP_STEP("exp-step", false, PulsedParameterSpecs.expStep()) {
        @Override
        PulsedDevicePhysics create(ParameterSet p) {
            return new ExpStepPhysics(PulsedParameterSpecs.pulsed(p), PulsedParameterSpecs.exp(p));
        }
    },
    /** Power step (aihwkit {@code PowStepDevice}). */
    POW_STEP("pow-step", false, PulsedParameterSpecs.powStep()) {
        @Override
        PulsedDevicePhysics create(ParameterSet p) {
            return new PowStepPhysics(PulsedParameterSpecs.pulsed(p), PulsedParameterSpecs.pow(p));
        }
    };

    final String name;
    private final boolean tikiTaka;
    private final List<ParameterSpec> own;

    PulsedRule(String name, boolean tikiTaka, List<ParameterSpec> own) {
        this.name = name;
        this.tikiTaka = tikiTaka;
        this.own = own;
    }

    /**
     * The default in-place algorithm of the rule's devices, chosen by measurement: each rule's generic device trained
     * the MLP 784-256-128-10 on full Fashion-MNIST for 10 epochs by both algorithms (seed 42, every other setting at
     * its default; the table is on the site's results page), and the better one is its default. Only soft bounds
     * trains better by Tiki-Taka (Gokmen &amp; Haensch 2020): 0.838 against plain pulsed SGD's 0.765, whose weights
     * each pulse pulls towards the symmetry point. Plain pulsed SGD won on the others: constant-step 0.838 against
     * 0.750, linear-step 0.844 against 0.703, exp-step 0.834 against 0.797, pow-step 0.816 against 0.789. Presets
     * follow their rule (they were not measured).
     *
     * @return true if the rule's devices train by Tiki-Taka by default, false for plain pulsed SGD
     */
    public boolean tikiTakaByDefault() {
        return tikiTaka;
    }

    /** @return the rule's name, also the registered name of its generic device */
    public String ruleName() {
        return name;
    }

    /** @return the common pulsed specs followed by the rule's own, with library defaults */
    public List<ParameterSpec> specs() {
        List<ParameterSpec> all = new ArrayList<>(PulsedParameterSpecs.common());
        all.addAll(own);
        return List.copyOf(all);
    }

    /**
     * @param p parameters holding every name of {@link #specs()}
     * @return the rule's physics
     * @throws IllegalArgumentException if a parameter is missing, out of its range, or the values are inconsistent
     *                                  ({@code wMin >= wMax}, {@code |upDown| >= 1}, ...)
     */
    public PulsedDevicePhysics physics(ParameterSet p) {
        for (ParameterSpec s : specs()) {
            s.check(p.get(s.name()));
        }
        return create(p);
    }

    abstract PulsedDevicePhysics create(ParameterSet p);
}
