package org.dl4jmortal.spi.device;

import java.util.Map;
import java.util.Optional;
import org.dl4jmortal.spi.plugin.NamedPlugin;

/**
 * A device-model plugin (DESIGN.md §2): the physics of one kind of analog synapse, registered by a stable
 * name ({@code pcm}, {@code ideal}, {@code soft-bounds}, ...). Implementations are stateless and thread-safe;
 * all per-chip state (conductances, drawn variations) lives in the simulator.
 */
public interface DeviceModel extends NamedPlugin {

    /** @return the registered name, lower-case with dashes, e.g. {@code "pcm"} */
    String name();

    /** @return one line for listings, naming the source (paper, equation or library) of the model */
    String description();

    /** @return which kind of crosspoint this device forms */
    CrosspointKind crosspointKind();

    /**
     * @return the device's own parameters with their published defaults (must not clash with the periphery's
     * parameter names)
     */
    ParameterSet defaultParameters();

    /**
     * Periphery defaults this device changes (for example the {@code ideal} device switches every converter and
     * noise off). Keys are periphery parameter names; unknown keys are an error when the chip is built.
     *
     * @return name to value, possibly empty
     */
    default Map<String, Double> peripheryDefaults() {
        return Map.of();
    }

    /**
     * In-place update defaults this pulsed device changes, for example {@code tikiTaka} 0 for a device that trains
     * better by plain pulsed SGD. Keys are update parameter names (the simulator's update settings); unknown keys
     * are an error when the chip is built. Ignored for programmed devices.
     *
     * @return name to value, possibly empty
     */
    default Map<String, Double> updateDefaults() {
        return Map.of();
    }

    /**
     * @param parameters this device's parameters (defaults with overrides)
     * @return the inference physics of a programmed device, or empty if the device has none (pulsed devices)
     */
    default Optional<ProgrammedDevicePhysics> programmedPhysics(ParameterSet parameters) {
        return Optional.empty();
    }

    /**
     * @param parameters this device's parameters (defaults with overrides)
     * @return the pulsed update rule for in-place training, or empty if the device has none (such as {@code pcm},
     * which is programmed, not trained in place)
     */
    default Optional<PulsedDevicePhysics> pulsedPhysics(ParameterSet parameters) {
        return Optional.empty();
    }
}
