package dev.leakgate.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the requests of one phase to the connections, each exactly once: up to the phase's size, or until its
 * deadline. A request claimed is a request sent and counted, so a deadline bounds when requests start, never which
 * ones finish.
 *
 * <p>Their sequence numbers continue the generator's global sequence, which picks the request of the mix: claiming
 * before sending is what keeps the mix exact when connections race.
 */
final class PhaseQuota {

    private final long firstSequence;
    private final long size;
    private final boolean timed;
    private final long deadlineNanos;
    private final AtomicLong claimed = new AtomicLong();
    private volatile boolean aborted;

    private PhaseQuota(long firstSequence, long size, boolean timed, long deadlineNanos) {
        this.firstSequence = firstSequence;
        this.size = size;
        this.timed = timed;
        this.deadlineNanos = deadlineNanos;
    }

    /** A phase of exactly {@code size} requests. */
    static PhaseQuota ofSize(long firstSequence, long size) {
        return new PhaseQuota(firstSequence, size, false, 0);
    }

    /** A phase of {@code size} requests that starts none after {@code deadlineNanos}. */
    static PhaseQuota ofSizeUntil(long firstSequence, long size, long deadlineNanos) {
        return new PhaseQuota(firstSequence, size, true, deadlineNanos);
    }

    /** A phase that starts requests until {@code deadlineNanos}, in {@link System#nanoTime()} terms. */
    static PhaseQuota until(long firstSequence, long deadlineNanos) {
        return new PhaseQuota(firstSequence, Long.MAX_VALUE, true, deadlineNanos);
    }

    /** The index within the phase of the next request to send, or -1 when the phase is complete or aborted. */
    long claim() {
        if (aborted || (timed && System.nanoTime() - deadlineNanos >= 0)) {
            return -1;
        }
        long index = claimed.getAndIncrement();
        return index < size ? index : -1;
    }

    /** Global sequence number of the request at {@code index} within the phase. */
    long sequenceAt(long index) {
        return firstSequence + index;
    }

    /** How many requests the phase sends at most; {@link Long#MAX_VALUE} when only its deadline bounds it. */
    long size() {
        return size;
    }

    /** Whether the phase ends at a deadline, before or instead of a number of requests. */
    boolean isTimed() {
        return timed;
    }

    /** Whether a number of requests bounds the phase. */
    boolean isSized() {
        return size != Long.MAX_VALUE;
    }

    /** Makes every further {@link #claim()} return -1. */
    void abort() {
        aborted = true;
    }

    /** Whether {@link #abort()} was called. */
    boolean isAborted() {
        return aborted;
    }

    /** Sequence numbers handed out so far. */
    long claimedCount() {
        return Math.min(claimed.get(), size);
    }
}
