package dev.leakgate.process;

import dev.leakgate.text.DurationText;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An app someone else started (docker compose in CI, a script): measured through its inspector and its HTTP
 * port, never stopped. leakgate sees neither its output nor its exit status; it counts as gone once its HTTP
 * port refuses connections.
 */
public final class AttachedApp implements RunningApp {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final URI inspectorUrl;
    private final URI baseUrl;
    private final PortProbe httpPort;

    private AttachedApp(URI inspectorUrl, URI baseUrl) {
        this.inspectorUrl = inspectorUrl;
        this.baseUrl = baseUrl;
        this.httpPort = PortProbe.of(baseUrl);
    }

    /**
     * Waits until the app answers {@code GET readyPath} below {@code baseUrl}, as a launched app must.
     *
     * @param inspectorUrl the inspector's WebSocket URL ({@code ws://...})
     * @param baseUrl      where the app serves HTTP, e.g. {@code http://127.0.0.1:3000}
     * @throws LaunchException if the app does not answer within {@code startupTimeout}
     */
    public static AttachedApp attach(URI inspectorUrl, URI baseUrl, String readyPath, Duration startupTimeout)
            throws LaunchException, InterruptedException {
        URI base = withoutTrailingSlash(baseUrl);
        ReadinessProbe probe = new ReadinessProbe(URI.create(base + readyPath));
        Instant deadline = Instant.now().plus(startupTimeout);
        while (!probe.answers(Duration.between(Instant.now(), deadline))) {
            if (!Instant.now().isBefore(deadline)) {
                throw new LaunchException("The app at baseUrl " + base + " did not answer GET " + probe.url() + " within "
                        + DurationText.of(startupTimeout) + ". leakgate does not start it in attach mode: check that it runs "
                        + "and that baseUrl and readyPath are right, or raise startupTimeout.");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return new AttachedApp(inspectorUrl, base);
    }

    @Override
    public URI inspectorUrl() {
        return inspectorUrl;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    /** Whether the app's HTTP port still accepts connections; a slow answer still counts as alive. */
    @Override
    public boolean isAlive() {
        return httpPort.isListening();
    }

    @Override
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (isAlive()) {
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return true;
    }

    /** The app's output goes wherever its owner sent it; leakgate cannot see Node ask for the debugger to leave. */
    @Override
    public void onWaitingForDebugger(Runnable action) {
        // Nothing to watch: the session is closed at the end of the run in any case.
    }

    @Override
    public List<String> lastLines() {
        return List.of();
    }

    @Override
    public String describeExit() {
        return isAlive() ? "is still running"
                : "stopped accepting connections at " + baseUrl + " (it was started outside leakgate, see its own log)";
    }

    /** Leaves the app running: whoever started it owns it. */
    @Override
    public void close() {
        // Nothing to stop.
    }

    private static URI withoutTrailingSlash(URI url) {
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
