package org.dl4jmortal.samples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the {@link AnalogSteps} implementation of the demo with {@link ServiceLoader}: the one named in the
 * class path's {@code META-INF/services/org.dl4jmortal.samples.demo.AnalogSteps}.
 */
public final class AnalogStepsLocator {
    private AnalogStepsLocator() {
    }

    /**
     * @param name the wanted implementation's {@link AnalogSteps#name()}, or {@code null} for the only one installed
     * @return the implementation
     * @throws IllegalStateException if none is installed, the name is unknown, or {@code name} is null and several
     *                               are installed; the message lists the installed names
     */
    public static AnalogSteps find(String name) {
        List<AnalogSteps> found = new ArrayList<>();
        ServiceLoader.load(AnalogSteps.class).forEach(found::add);
        List<String> names = found.stream().map(AnalogSteps::name).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no analog steps are installed for the demo: the class path holds no "
                    + "META-INF/services/" + AnalogSteps.class.getName() + " entry (the dl4j-analog-layers chip "
                    + "provides one)");
        }
        if (name == null) {
            if (found.size() > 1) {
                throw new IllegalStateException("several analog steps are installed " + names + "; name one");
            }
            return found.get(0);
        }
        return found.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown analog steps '" + name + "'; installed: "
                        + names));
    }
}
