package dev.leakgate.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the requests of one phase to the workers, each exactly once, and no more than the phase's size.
 *
 * <p>Their sequence numbers continue the generator's global sequence, which picks the request of the mix: claiming
 * before sending is what keeps the mix exact when connections race.
 */
final class PhaseQuota {

    private final long firstSequence;
    private final long size;
    private final AtomicLong claimed = new AtomicLong();
    private volatile boolean aborted;

    PhaseQuota(long firstSequence, long size) {
        this.firstSequence = firstSequence;
        this.size = size;
    }

    /** The index within the phase of the next request to send, or -1 when the phase is complete or aborted. */
    long claim() {
        if (aborted) {
            return -1;
        }
        long index = claimed.getAndIncrement();
        return index < size ? index : -1;
    }

    /** Global sequence number of the request at {@code index} within the phase. */
    long sequenceAt(long index) {
        return firstSequence + index;
    }

    /** Makes every further {@link #claim()} return -1. */
    void abort() {
        aborted = true;
    }

    /** Sequence numbers handed out so far. */
    long claimedCount() {
        return Math.min(claimed.get(), size);
    }
}
