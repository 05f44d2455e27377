package org.dl4jmortal.spi.plugin;

/** Test implementation registered as {@code hello} by mistake. */
public final class HolaGreeter implements Greeter {
    /** Public no-argument constructor for Guice. */
    public HolaGreeter() {
    }

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String description() {
        return "says hola under the name hello (test fixture)";
    }

    @Override
    public String greet(String who) {
        return "hola " + who;
    }
}
