package org.dl4jmortal.samples.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version lines of {@code mortal --version} and {@code mortal version}: this project's version (from the jar
 * manifest's {@code Implementation-Version}, or {@code development} when run from classes), the DL4J version it
 * was built against, and the Java runtime.
 */
public final class VersionProvider implements IVersionProvider {
    /** The DL4J / ND4J release the project is built on. */
    public static final String DL4J_VERSION = "1.0.0-M2.1";

    /** @return the version lines */
    @Override
    public String[] getVersion() {
        String own = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[]{
            "mortal (dl4j-mortal) " + (own == null ? "development" : own),
            "Deeplearning4j/ND4J " + DL4J_VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
