package dev.leakgate.load;

import java.util.concurrent.locks.LockSupport;

/**
 * When each request of a phase is due: as soon as a connection is free, or at a constant rate.
 *
 * <p>At a constant rate, latency is measured from the time a request was due, not from when a connection got round to
 * sending it. A server that stalls then shows in the latency of every request that queued up behind the stall, as a
 * user arriving at that moment would see it, instead of in one slow request only (coordinated omission).
 */
final class SendSchedule {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double requestsPerSecond;
    private final long startNanos;

    private SendSchedule(double requestsPerSecond, long startNanos) {
        this.requestsPerSecond = requestsPerSecond;
        this.startNanos = startNanos;
    }

    /**
     * A schedule whose first request is due at {@code startNanos}.
     *
     * @param startNanos        in {@link System#nanoTime()} terms
     * @param requestsPerSecond the rate, or 0 for as fast as the connections go
     */
    static SendSchedule startingAt(long startNanos, double requestsPerSecond) {
        return new SendSchedule(requestsPerSecond, startNanos);
    }

    /**
     * Waits until request {@code index} of the phase is due.
     *
     * @return the time the request's latency counts from, in {@link System#nanoTime()} terms
     */
    long awaitDueTime(long index) {
        if (requestsPerSecond == 0) {
            return System.nanoTime();
        }
        long due = startNanos + (long) (index * NANOS_PER_SECOND / requestsPerSecond);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }
}
