package dev.leakgate.gate;

/** A parameter has a value the gate cannot run with; the message names the parameter. */
public final class InvalidConfigurationException extends IllegalArgumentException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
