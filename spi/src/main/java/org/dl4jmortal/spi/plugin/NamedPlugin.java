package org.dl4jmortal.spi.plugin;

/** Every plugin implementation has a stable registered name and a one-line description. */
public interface NamedPlugin {
    /** @return the registered name (lower-case with dashes); the registry checks it equals the binding key */
    String name();

    /** @return one line for listings, naming the source of the method or model */
    String description();
}
