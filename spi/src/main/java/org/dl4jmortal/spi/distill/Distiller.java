package org.dl4jmortal.spi.distill;

import org.dl4jmortal.spi.plugin.NamedPlugin;

/**
 * The extension point of distillation methods (DESIGN.md §2 "Plugin contracts", §4 "Distillation"): a method that
 * trains a student on what a teacher, seen only as a {@link org.dl4jmortal.spi.chip.TappedModel}, answers on a
 * transfer set, registered by name (for example {@code kd} after Hinton, Vinyals &amp; Dean 2015, and {@code hint}
 * after Romero et al., FitNets 2015) under {@link org.dl4jmortal.spi.plugin.PluginKind#DISTILLER}.
 * <p>
 * This type fixes the kind, the registration and the listing ({@code mortal plugins}); the training call itself
 * works on DL4J networks, which the spi does not depend on, and is declared by the {@code dl4j-distill} module on its
 * sub-interface. Implementations are stateless and thread-safe and have a public no-argument constructor.
 */
public interface Distiller extends NamedPlugin {
}
