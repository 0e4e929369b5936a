package dev.leakgate.inspector;

import java.io.IOException;

/** A CDP call failed: timed out, was answered with an error, or the connection to Node went away. */
public final class InspectorException extends IOException {

    private static final long serialVersionUID = 1L;

    public InspectorException(String message) {
        super(message);
    }

    public InspectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
