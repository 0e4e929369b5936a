package dev.leakgate.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * HTTP/1.1 load over keep-alive connections, all driven by one thread with non-blocking sockets.
 *
 * <p>Requests are sent in the order of the mix, cycling, following one sequence shared by all connections and
 * continued from phase to phase, so that over a whole gate run every request of the mix gets its exact share.
 * {@link #run(String, int, LoadProgress)} sends exactly the number of requests asked for: failed requests count as sent
 * and are not repeated. {@link #run(String, Duration, LoadProgress)} sends requests for a time instead, and counts every
 * one it sent.
 *
 * <p>A phase runs on the calling thread, which serves every connection from one selector and also enforces the request
 * timeout; only progress reports have a thread of their own.
 *
 * <p>The generator lives for a whole run; connections stay open between phases and are reopened transparently when
 * the server closed them in the meantime.
 */
public final class LoadGenerator implements AutoCloseable {

    public static final int MAX_CONNECTIONS = 10_000;
    private static final int MAX_PHASE_DAYS = 365;
    private static final double NANOS_PER_SECOND = 1e9;

    private final Endpoint endpoint;
    private final List<WireRequest> requests;
    private final List<WireRequest> setupRequests;
    private final List<KeepAliveConnection> connections;
    private final long requestTimeoutNanos;
    private final double requestsPerSecond;
    /** Global sequence number of the next request; advanced only by {@link #run}, which is synchronized. */
    private long nextSequence;
    private volatile PhaseQuota activePhase;
    /** The selector of the phase running, so that {@link #close()} can wake it. */
    private volatile Selector activeSelector;
    private volatile boolean closed;

    /**
     * With a rate, the generator sends at that constant rate over all connections, like wrk2: latency counts from the
     * time each request was due, so a stalling server shows in the latency of all requests that had to wait for it.
     *
     * @param baseUrl           where the app listens, e.g. {@code http://127.0.0.1:3000}; a path is put before every
     *                          request path
     * @param requests          the mix, sent in this order, cycling
     * @param connections       concurrent keep-alive connections
     * @param requestTimeout    longest time for one request, connecting included
     * @param requestsPerSecond rate of the whole generator; 0 for as fast as the connections go
     * @throws IllegalArgumentException when an argument is unusable; the message says which and why
     */
    public LoadGenerator(URI baseUrl, List<RequestSpec> requests, int connections, Duration requestTimeout,
                         double requestsPerSecond) {
        this(baseUrl, requests, List.of(), false, System.getenv(), connections, requestTimeout, requestsPerSecond);
    }

    /**
     * The same with what real workloads need: requests to send on each connection before any phase (a login), the
     * cookies each connection's responses set sent back, and the environment that {@code {{env.NAME}}} templates of
     * the requests are filled from.
     *
     * @param setupRequests sent by {@link #setUp} on each connection, in order
     * @param cookies       whether each connection keeps the cookies its responses set and sends them
     * @param environment   where {@code {{env.NAME}}} is looked up; its values go into the bytes sent and nowhere else
     */
    public LoadGenerator(URI baseUrl, List<RequestSpec> requests, List<RequestSpec> setupRequests, boolean cookies,
                         Map<String, String> environment, int connections, Duration requestTimeout,
                         double requestsPerSecond) {
        this.endpoint = Endpoint.of(baseUrl);
        if (requests == null || requests.isEmpty()) {
            throw new IllegalArgumentException("At least one request is needed for load");
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException(
                    "Connections must be between 1 and " + MAX_CONNECTIONS + ", got: " + connections);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Request timeout must be positive, got: " + requestTimeout);
        }
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException(
                    "Request rate must be 0 (as fast as possible) or a positive number per second, got: " + requestsPerSecond);
        }
        this.requests = requests.stream().map(spec -> WireRequest.encode(
                Objects.requireNonNull(spec, "requests must not contain null"), endpoint, environment)).toList();
        this.setupRequests = setupRequests.stream().map(spec -> WireRequest.encode(spec, endpoint, environment)).toList();
        List<KeepAliveConnection> created = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            created.add(new KeepAliveConnection(endpoint, i, cookies));
        }
        this.connections = List.copyOf(created);
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.requestsPerSecond = requestsPerSecond;
    }

    /**
     * Sends the setup requests once on every connection, in order, one connection after another: a login whose
     * session the connection then keeps (with cookies). They count in no phase. In a setup request {@code {{seq}}} is
     * the connection's number, from 0, so that each can log in as a user of its own.
     *
     * @throws SetupFailedException when one fails or answers other than 2xx or 3xx, naming it as configured
     * @throws InterruptedException when the calling thread is interrupted
     */
    public synchronized void setUp() throws SetupFailedException, InterruptedException {
        if (setupRequests.isEmpty()) {
            return;
        }
        ensureOpen("setup");
        Selector selector = openSelector();
        activeSelector = selector;
        try {
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            for (KeepAliveConnection connection : connections) {
                connection.watchWith(selector);
                for (WireRequest request : setupRequests) {
                    int status = exchange(connection, request, selector, buffer);
                    if (!PhaseResult.isSuccess(status)) {
                        throw new SetupFailedException("setup request " + request.label() + " answered " + status
                                + " on connection " + connection.id());
                    }
                }
            }
        } finally {
            activeSelector = null;
            closeQuietly(selector);
        }
    }

    /** One request on one connection, start to end: the response's status. */
    private int exchange(KeepAliveConnection connection, WireRequest request, Selector selector,
                         ByteBuffer buffer) throws SetupFailedException, InterruptedException {
        int[] status = {KeepAliveConnection.IN_PROGRESS};
        RequestFailure[] failure = {null};
        try {
            connection.start(request, connection.id(), System.nanoTime() + requestTimeoutNanos);
            while (status[0] == KeepAliveConnection.IN_PROGRESS && failure[0] == null) {
                selector.select(key -> {
                    try {
                        int done = ((KeepAliveConnection) key.attachment()).advance(key, buffer);
                        if (done != KeepAliveConnection.IN_PROGRESS) {
                            status[0] = done;
                        }
                    } catch (RequestFailure failed) {
                        failure[0] = failed;
                    }
                }, 10);
                if (Thread.interrupted()) {
                    throw new InterruptedException("setup interrupted");
                }
                ensureOpen("setup");
                if (status[0] == KeepAliveConnection.IN_PROGRESS && failure[0] == null) {
                    connection.failIfOverdue(System.nanoTime());
                }
            }
        } catch (RequestFailure failed) {
            failure[0] = failed;
        } catch (IOException e) {
            throw new UncheckedIOException("The load generator's selector failed", e);
        }
        if (failure[0] != null) {
            throw new SetupFailedException("setup request " + request.label() + " failed on connection "
                    + connection.id() + ": " + failure[0].getMessage());
        }
        return status[0];
    }

    /**
     * Sends exactly {@code requests} requests over all connections and waits for their outcomes, telling
     * {@code progress} how the phase is doing while it runs.
     *
     * @param phase    label of the phase in the result, e.g. {@code warm-up} or {@code round 1}
     * @param requests how many requests to send; 0 is allowed
     * @param progress told about the phase while it runs; {@link LoadProgress#NONE} to run without reports
     * @throws InterruptedException when the calling thread is interrupted; in-flight requests are abandoned
     * @throws IllegalStateException when the generator is or gets closed
     */
    public synchronized PhaseResult run(String phase, int requests, LoadProgress progress) throws InterruptedException {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(progress, "progress");
        if (requests < 0) {
            throw new IllegalArgumentException("Number of requests must not be negative, got: " + requests);
        }
        return runPhase(phase, PhaseQuota.ofSize(nextSequence, requests), System.nanoTime(), progress);
    }

    /**
     * Sends requests for {@code duration} and waits for their outcomes: requests start until the duration is over, and
     * every request started finishes and counts, so the phase takes a little longer. With a rate, the phase sends
     * exactly the requests due within the duration, however long the server takes for them; the latency of requests
     * sent late counts from when they were due.
     *
     * @param phase    label of the phase in the result
     * @param duration how long to start requests, at most 365 days
     * @param progress told about the phase while it runs; {@link LoadProgress#NONE} to run without reports
     * @throws InterruptedException when the calling thread is interrupted; in-flight requests are abandoned
     * @throws IllegalStateException when the generator is or gets closed
     */
    public synchronized PhaseResult run(String phase, Duration duration, LoadProgress progress)
            throws InterruptedException {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(progress, "progress");
        if (duration == null || duration.isNegative() || duration.isZero()
                || duration.compareTo(Duration.ofDays(MAX_PHASE_DAYS)) > 0) {
            throw new IllegalArgumentException(
                    "Phase duration must be positive and at most " + MAX_PHASE_DAYS + " days, got: " + duration);
        }
        long start = System.nanoTime();
        if (requestsPerSecond > 0) {
            long dueWithin = (long) Math.ceil(requestsPerSecond * duration.toNanos() / NANOS_PER_SECOND);
            return runPhase(phase, PhaseQuota.ofSize(nextSequence, dueWithin), start, progress);
        }
        return runPhase(phase, PhaseQuota.until(nextSequence, start + duration.toNanos()), start, progress);
    }

    /**
     * Sends only one request of the mix, {@code requests} times or until {@code atMost} has passed, whichever comes
     * first: to tell which request of the mix does something.
     *
     * @param requestIndex the request's position in the mix
     * @throws InterruptedException when the calling thread is interrupted; in-flight requests are abandoned
     */
    public synchronized PhaseResult runAlone(String phase, int requestIndex, int requests, Duration atMost,
                                             LoadProgress progress) throws InterruptedException {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(progress, "progress");
        Objects.checkIndex(requestIndex, this.requests.size());
        if (requests < 0 || atMost == null || atMost.isNegative()) {
            throw new IllegalArgumentException("A phase needs a number of requests >= 0 and a time >= 0, got: "
                    + requests + " and " + atMost);
        }
        long start = System.nanoTime();
        return runPhase(phase, List.of(this.requests.get(requestIndex)),
                PhaseQuota.ofSizeUntil(nextSequence, requests, start + atMost.toNanos()), start, progress);
    }

    private PhaseResult runPhase(String phase, PhaseQuota quota, long start, LoadProgress progress)
            throws InterruptedException {
        return runPhase(phase, requests, quota, start, progress);
    }

    /** Runs {@code quota}'s requests; the phase's time, its schedule and its deadline all count from {@code start}. */
    private PhaseResult runPhase(String phase, List<WireRequest> mix, PhaseQuota quota, long start,
                                 LoadProgress progress) throws InterruptedException {
        ensureOpen(phase);
        PhaseLoop loop = new PhaseLoop(connections, mix, quota,
                SendSchedule.startingAt(start, requestsPerSecond), requestTimeoutNanos);
        Selector selector = openSelector();
        activeSelector = selector;
        activePhase = quota;
        PhaseSupervisor supervisor = progress == LoadProgress.NONE ? null : PhaseSupervisor.start(phase,
                new ProgressSampler(phase, quota.isSized() ? OptionalLong.of(quota.size()) : OptionalLong.empty(),
                        loop.tally(), progress, start),
                progress.interval());
        try {
            if (!closed) {
                loop.run(selector);
            }
        } catch (InterruptedException e) {
            connections.forEach(KeepAliveConnection::close);
            throw e;
        } catch (RuntimeException e) {
            // A bug, not a server problem: stop the phase rather than report counts that silently miss requests.
            connections.forEach(KeepAliveConnection::close);
            ensureOpen(phase);
            throw new IllegalStateException("Load phase '" + phase + "' stopped by an internal error", e);
        } finally {
            if (supervisor != null) {
                supervisor.close();
            }
            activeSelector = null;
            closeQuietly(selector);
            activePhase = null;
            nextSequence += quota.claimedCount();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        ensureOpen(phase);
        return loop.tally().summarise(phase, elapsed);
    }

    /** Closes all connections; a phase running meanwhile stops early and its {@link #run} throws. */
    @Override
    public void close() {
        closed = true;
        PhaseQuota running = activePhase;
        if (running != null) {
            running.abort();
        }
        Selector selector = activeSelector;
        if (selector != null) {
            selector.wakeup();
        }
        connections.forEach(KeepAliveConnection::close);
    }

    private void ensureOpen(String phase) {
        if (closed) {
            // The phase may have reconnected just before it saw the abort; make sure nothing stays open.
            connections.forEach(KeepAliveConnection::close);
            throw new IllegalStateException("Load generator for " + endpoint + " is closed; cannot run phase '" + phase + "'");
        }
    }

    /** Closing the selector only lets go of the connections' registrations; they stay open for the next phase. */
    private static void closeQuietly(Selector selector) {
        try {
            selector.close();
        } catch (IOException ignored) {
            // the selector is abandoned either way
        }
    }

    private static Selector openSelector() {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a selector for the load generator's connections", e);
        }
    }
}
