package dev.leakgate.load;

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
     * When request {@code index} of the phase is due, which is also the time its latency counts from.
     *
     * @param nowNanos the current time, which is when every request is due without a rate
     * @return in {@link System#nanoTime()} terms
     */
    long dueTime(long index, long nowNanos) {
        if (requestsPerSecond == 0) {
            return nowNanos;
        }
        return startNanos + (long) (index * NANOS_PER_SECOND / requestsPerSecond);
    }
}
