package dev.leakgate.process;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** A launched Node app that answered its ready path; {@link #close()} stops it and everything it started. */
public final class NodeApp implements RunningApp {

    private final AppProcess process;
    private final URI inspectorUrl;
    private final int port;

    NodeApp(AppProcess process, URI inspectorUrl, int port) {
        this.process = process;
        this.inspectorUrl = inspectorUrl;
        this.port = port;
    }

    /** The inspector's WebSocket URL, e.g. {@code ws://127.0.0.1:9229/0f2c...}. */
    @Override
    public URI inspectorUrl() {
        return inspectorUrl;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return whether the app has exited within {@code timeout} */
    @Override
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.awaitExit(timeout);
    }

    /**
     * Runs {@code action} when the app has finished (it called {@code process.exit()} or crashed) but Node keeps
     * the process alive because an inspector client is still connected. The action should disconnect that
     * client; only then does the process exit and report its exit code.
     */
    @Override
    public void onWaitingForDebugger(Runnable action) {
        process.onWaitingForDebugger(action);
    }

    /** The app's last lines of output (stdout and stderr interleaved), oldest first. */
    @Override
    public List<String> lastLines() {
        return process.lastLines();
    }

    /** How the app ended, e.g. "exited with code 1" or "was killed by signal 9 (SIGKILL, exit code 137)". */
    @Override
    public String describeExit() {
        return process.describeExit();
    }

    /** Stops the whole process tree (SIGTERM, then SIGKILL after 3 s); idempotent, never throws. */
    @Override
    public void close() {
        process.stop();
    }
}
