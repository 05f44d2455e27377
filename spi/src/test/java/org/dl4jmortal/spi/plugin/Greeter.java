package org.dl4jmortal.spi.plugin;

/** A test-only contract: the registry must treat a kind defined outside the spi like the built-in ones. */
public interface Greeter extends NamedPlugin {
    /** The test kind. */
    PluginKind<Greeter> KIND = PluginKind.define("greeter", Greeter.class);

    /**
     * @param who a name
     * @return a greeting
     */
    String greet(String who);
}
