package dev.leakgate.settings;

/**
 * A parameter value the gate cannot work with, refused before anything starts. The message names the parameter,
 * the value and what is accepted: {@code rounds must be at least 2 (growth has to repeat to count as a leak), was 1}.
 */
public class InvalidSettingsException extends IllegalArgumentException {

    private final String parameter;

    InvalidSettingsException(Parameter<?> parameter, String value, String accepted) {
        this(parameter.name(), parameter.name() + " must be " + accepted + ", was " + value);
    }

    /** A problem of several parameters together, or of a parameter no host knows. */
    InvalidSettingsException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter the message is about first. */
    public String parameter() {
        return parameter;
    }
}
