package dev.leakgate.process;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The app a run measures: one leakgate launched ({@link NodeApp}) or one someone else started and leakgate
 * only attached to ({@link AttachedApp}). {@link #close()} stops the first and leaves the second alone.
 */
public interface RunningApp extends AutoCloseable {

    /** The inspector's WebSocket URL, e.g. {@code ws://127.0.0.1:9229/0f2c...}. */
    URI inspectorUrl();

    /** Where the app serves HTTP, without a trailing slash. */
    URI baseUrl();

    boolean isAlive();

    /** @return whether the app has gone within {@code timeout} */
    boolean awaitExit(Duration timeout) throws InterruptedException;

    /**
     * Runs {@code action} when the app has finished but Node keeps the process alive because an inspector client
     * is still connected; the action should disconnect that client.
     */
    void onWaitingForDebugger(Runnable action);

    /** The app's last lines of output, oldest first; empty when leakgate cannot see its output. */
    List<String> lastLines();

    /** How the app ended, e.g. "exited with code 1"; "is still running" while it runs. */
    String describeExit();

    /** Stops the app if leakgate started it; idempotent, never throws. */
    @Override
    void close();
}
