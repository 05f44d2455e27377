package org.dl4jmortal.spi.plugin;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dl4jmortal.spi.chip.ChipFactory;
import org.dl4jmortal.spi.device.DeviceModel;
import org.dl4jmortal.spi.distill.Distiller;
import org.dl4jmortal.spi.export.TapExporter;
import org.dl4jmortal.spi.reconstruct.WeightReconstructor;

/**
 * A kind of extension point: a contract type and a display name. Every kind is bound the same way, through a
 * Guice {@code MapBinder<String, T>} (see {@link AbstractMortalPlugin#register}).
 *
 * @param <T> the contract
 */
public final class PluginKind<T extends NamedPlugin> {
    private static final List<PluginKind<?>> KNOWN = new CopyOnWriteArrayList<>();

    /** Device models ({@code pcm}, {@code ideal}, pulsed devices). */
    public static final PluginKind<DeviceModel> DEVICE = define("device", DeviceModel.class);
    /** Tap exporters ({@code npy}, {@code csv}, {@code dl4j}). */
    public static final PluginKind<TapExporter> EXPORTER = define("exporter", TapExporter.class);
    /** Weight reconstructors ({@code finite-difference}, {@code least-squares}). */
    public static final PluginKind<WeightReconstructor> RECONSTRUCTOR = define("reconstructor", WeightReconstructor.class);
    /** Distillation methods ({@code kd}, {@code hint}). */
    public static final PluginKind<Distiller> DISTILLER = define("distiller", Distiller.class);
    /** Factories of fresh chips ({@code simulated}), for clones and fleets. */
    public static final PluginKind<ChipFactory> CHIP_FACTORY = define("chip-factory", ChipFactory.class);

    private final String name;
    private final Class<T> type;

    private PluginKind(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /**
     * Defines (or returns the already defined) kind for a contract type.
     *
     * @param name display name, e.g. {@code "exporter"}
     * @param type the contract interface
     * @param <T>  the contract
     * @return the kind
     * @throws IllegalArgumentException if the name is already used for another type
     */
    public static synchronized <T extends NamedPlugin> PluginKind<T> define(String name, Class<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        for (PluginKind<?> k : KNOWN) {
            if (k.name.equals(name)) {
                if (k.type != type) {
                    throw new IllegalArgumentException("plugin kind '" + name + "' is already defined for " + k.type.getName());
                }
                @SuppressWarnings("unchecked") PluginKind<T> same = (PluginKind<T>) k;
                return same;
            }
        }
        PluginKind<T> k = new PluginKind<>(name, type);
        KNOWN.add(k);
        return k;
    }

    /** @return every kind defined so far (the built-in ones once their contract classes are loaded) */
    public static List<PluginKind<?>> known() {
        return List.copyOf(KNOWN);
    }

    /** @return display name, e.g. {@code "device"} */
    public String name() {
        return name;
    }

    /** @return the contract interface */
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }
}
