package dev.leakgate.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs one phase on the calling thread: every connection on one selector, each claiming the next request of the phase
 * as soon as its previous one is done (and the new one is due), until the quota is spent and every request finished.
 *
 * <p>One thread for all connections, because the cost of a request to a local server is mostly waking up: one
 * selector wakeup serves all the responses that arrived meanwhile, where a thread per connection pays a wakeup and a
 * context switch for each.
 *
 * <p>For the same reason, while requests are in flight, the thread polls the sockets for a few tens of microseconds
 * before it goes to sleep: a busy local server answers within that time, and a client that sleeps has to be woken for
 * each batch of responses, work the kernel does within the server's writes, on the server's CPU. Against Node's
 * hello-world on two virtual cores the server needed about 6% less CPU per request with a polling client, and
 * answered about 5% more requests per second. On a single processor polling would take the very CPU the server
 * needs, so the loop never polls there.
 */
final class PhaseLoop {

    /** Longest time an overdue request goes unnoticed; short timeouts are checked ten times per timeout. */
    private static final long MAX_CHECK_INTERVAL_NANOS = Duration.ofMillis(50).toNanos();
    private static final long MIN_CHECK_INTERVAL_NANOS = Duration.ofMillis(1).toNanos();
    private static final long NANOS_PER_MILLI = 1_000_000;
    /** How long to poll for the next response before sleeping; a few times a local server's time for one request. */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final int READ_BUFFER_SIZE = 16 * 1024;

    private final List<KeepAliveConnection> connections;
    private final List<WireRequest> requests;
    private final PhaseQuota quota;
    private final SendSchedule schedule;
    private final long requestTimeoutNanos;
    private final long checkIntervalNanos;
    private final boolean polls = Runtime.getRuntime().availableProcessors() > 1;
    /** Made once: a method reference evaluated for every select would allocate for every select. */
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final PhaseTally tally = new PhaseTally();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_SIZE);
    /** By connection id: the request claimed and waiting for its due time, or null. */
    private final WireRequest[] waiting;
    /** By connection id: when its current request was due, which is where its latency counts from. */
    private final long[] dueNanos;
    /** By connection id: the sequence number of its waiting request. */
    private final long[] waitingSequence;
    /** Connections with a request claimed and not finished. */
    private int active;
    /** Connections whose claimed request waits for its due time: {@code active - waitingCount} are in flight. */
    private int waitingCount;
    /** When to next look for overdue exchanges and requests that became due. */
    private long nextCheckNanos;

    PhaseLoop(List<KeepAliveConnection> connections, List<WireRequest> requests, PhaseQuota quota, SendSchedule schedule,
              long requestTimeoutNanos) {
        this.connections = connections;
        this.requests = requests;
        this.quota = quota;
        this.schedule = schedule;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.checkIntervalNanos = Math.max(MIN_CHECK_INTERVAL_NANOS, Math.min(MAX_CHECK_INTERVAL_NANOS, requestTimeoutNanos / 10));
        this.waiting = new WireRequest[connections.size()];
        this.dueNanos = new long[connections.size()];
        this.waitingSequence = new long[connections.size()];
    }

    PhaseTally tally() {
        return tally;
    }

    /**
     * Runs the phase until every claimed request finished, or until the quota is aborted, which abandons the requests
     * in flight.
     *
     * @throws InterruptedException when the thread is interrupted; the requests in flight are abandoned
     */
    void run(Selector selector) throws InterruptedException {
        long bytesAtStart = bytesRead();
        try {
            long now = System.nanoTime();
            nextCheckNanos = now + checkIntervalNanos;
            active = connections.size();
            for (KeepAliveConnection connection : connections) {
                connection.watchWith(selector);
            }
            for (KeepAliveConnection connection : connections) {
                startNext(connection, now);
            }
            while (active > 0 && !quota.isAborted()) {
                awaitEvents(selector, nextCheckNanos - System.nanoTime());
                if (Thread.interrupted()) {
                    throw new InterruptedException("load phase interrupted");
                }
                now = System.nanoTime();
                if (now - nextCheckNanos >= 0) {
                    check(now);
                }
            }
        } finally {
            tally.addBytesRead(bytesRead() - bytesAtStart);
        }
    }

    /** Waits at most {@code waitNanos} for sockets to become ready, and handles those that are. */
    private void awaitEvents(Selector selector, long waitNanos) {
        try {
            if (waitNanos >= NANOS_PER_MILLI) {
                if (polls && active > waitingCount && polledEvents(selector)) {
                    return;
                }
                selector.select(onReady, waitNanos / NANOS_PER_MILLI);
            } else {
                // The selector counts in milliseconds; a rate's next due time may be closer than that.
                if (waitNanos > 0) {
                    LockSupport.parkNanos(waitNanos);
                }
                selector.selectNow(onReady);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The load generator's selector failed", e);
        }
    }

    /** Polls the sockets without sleeping for up to {@link #POLL_NANOS}; true when some were ready, and handled. */
    private boolean polledEvents(Selector selector) throws IOException {
        long giveUp = System.nanoTime() + POLL_NANOS;
        do {
            if (selector.selectNow(onReady) > 0) {
                return true;
            }
        } while (System.nanoTime() - giveUp < 0);
        return false;
    }

    private void onReady(SelectionKey key) {
        KeepAliveConnection connection = (KeepAliveConnection) key.attachment();
        try {
            int status = connection.advance(key, readBuffer);
            if (status == KeepAliveConnection.IN_PROGRESS) {
                return;
            }
            long now = System.nanoTime();
            tally.recordResponse(status, (now - dueNanos[connection.id()]) / 1000);
            startNext(connection, now);
        } catch (RequestFailure failure) {
            tally.recordError(failure.kind());
            startNext(connection, System.nanoTime());
        }
    }

    /** Fails overdue exchanges and sends the requests that became due. */
    private void check(long now) {
        nextCheckNanos = now + checkIntervalNanos;
        for (KeepAliveConnection connection : connections) {
            WireRequest due = waiting[connection.id()];
            if (due != null) {
                long dueTime = dueNanos[connection.id()];
                if (now - dueTime >= 0) {
                    waiting[connection.id()] = null;
                    waitingCount--;
                    if (!sent(connection, due, waitingSequence[connection.id()], now)) {
                        startNext(connection, now);
                    }
                } else if (dueTime - nextCheckNanos < 0) {
                    nextCheckNanos = dueTime;
                }
            } else {
                try {
                    connection.failIfOverdue(now);
                } catch (RequestFailure failure) {
                    tally.recordError(failure.kind());
                    startNext(connection, now);
                }
            }
        }
    }

    /** Claims the next request of the phase for {@code connection} and sends it, or has it wait until it is due. */
    private void startNext(KeepAliveConnection connection, long now) {
        // A loop, not recursion: against a server that refuses every connection, each request fails at once.
        while (true) {
            long index = quota.claim();
            if (index < 0) {
                active--;
                return;
            }
            long sequence = quota.sequenceAt(index);
            WireRequest request = requests.get((int) (sequence % requests.size()));
            long due = schedule.dueTime(index, now);
            dueNanos[connection.id()] = due;
            if (due - now > 0) {
                waiting[connection.id()] = request;
                waitingSequence[connection.id()] = sequence;
                waitingCount++;
                if (due - nextCheckNanos < 0) {
                    nextCheckNanos = due;
                }
                return;
            }
            if (sent(connection, request, sequence, now)) {
                return;
            }
        }
    }

    /** Starts the exchange of {@code request}; false when it failed at once, and is counted. */
    private boolean sent(KeepAliveConnection connection, WireRequest request, long sequence, long now) {
        try {
            connection.start(request, sequence, now + requestTimeoutNanos);
            return true;
        } catch (RequestFailure failure) {
            tally.recordError(failure.kind());
            return false;
        }
    }

    private long bytesRead() {
        long total = 0;
        for (KeepAliveConnection connection : connections) {
            total += connection.bytesRead();
        }
        return total;
    }
}
