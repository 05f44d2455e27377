package org.dl4jmortal.samples.cli;

/**
 * A command-line value that cannot be used: the message names the value and what is allowed. The command line
 * prints the message alone (no stack trace) and exits with status {@value MortalCommand#EXIT_BAD_INPUT}.
 */
public final class UserInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the complete, user-facing explanation
     */
    public UserInputException(String message) {
        super(message);
    }
}
