package dev.leakgate.snapshot;

import java.io.IOException;

/**
 * Thrown for input that is not a readable V8 heap snapshot: missing, empty, truncated, not JSON, or
 * JSON that is not a heap snapshot. The message names the file and says what is wrong.
 */
public final class SnapshotFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public SnapshotFormatException(String message) {
        super(message);
    }

    public SnapshotFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
