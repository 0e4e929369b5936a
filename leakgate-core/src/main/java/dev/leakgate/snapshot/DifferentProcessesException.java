package dev.leakgate.snapshot;

import java.io.IOException;

/**
 * Thrown when snapshots that should come from one process do not: object ids are only comparable
 * within one process, so a comparison or a growth series across two would be meaningless.
 */
public final class DifferentProcessesException extends IOException {

    private static final long serialVersionUID = 1L;

    public DifferentProcessesException(String message) {
        super(message);
    }
}
