package dev.leakgate.cli;

/** The command line is wrong; the message says how. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message, null, false, false);
    }
}
