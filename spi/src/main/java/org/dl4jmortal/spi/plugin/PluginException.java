package org.dl4jmortal.spi.plugin;

/** A plugin could not be found, loaded or registered; the message says which and why. */
public class PluginException extends IllegalArgumentException {
    /** @param message what went wrong, naming plugins, jars and the installed names */
    public PluginException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
