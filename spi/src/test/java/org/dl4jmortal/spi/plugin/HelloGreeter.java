package org.dl4jmortal.spi.plugin;

/** Test implementation registered as {@code hello}. */
public final class HelloGreeter implements Greeter {
    /** Public no-argument constructor for Guice. */
    public HelloGreeter() {
    }

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String description() {
        return "says hello (test fixture)";
    }

    @Override
    public String greet(String who) {
        return "hello " + who;
    }
}
