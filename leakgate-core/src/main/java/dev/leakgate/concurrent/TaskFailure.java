package dev.leakgate.concurrent;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/** A task that failed on another thread, failing the thread that waited for it the same way. */
public final class TaskFailure {

    private TaskFailure() {}

    /**
     * The task's I/O failure, to throw; a runtime exception or error it ended with is thrown as it was,
     * so that a caller handles an out-of-memory error or a refused snapshot as if it had happened on its
     * own thread.
     */
    public static IOException rethrown(ExecutionException failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }
}
