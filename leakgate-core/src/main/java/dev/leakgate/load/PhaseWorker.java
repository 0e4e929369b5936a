package dev.leakgate.load;

import java.util.List;

/** The loop one thread runs during a phase: claim a request, wait until it is due, send it, tally the outcome. */
final class PhaseWorker implements Runnable {

    private final KeepAliveConnection connection;
    private final List<WireRequest> requests;
    private final PhaseQuota quota;
    private final SendSchedule schedule;
    private final long requestTimeoutNanos;
    private final PhaseTally tally = new PhaseTally();
    private volatile RuntimeException crash;

    PhaseWorker(KeepAliveConnection connection, List<WireRequest> requests, PhaseQuota quota, SendSchedule schedule,
                long requestTimeoutNanos) {
        this.connection = connection;
        this.requests = requests;
        this.quota = quota;
        this.schedule = schedule;
        this.requestTimeoutNanos = requestTimeoutNanos;
    }

    @Override
    public void run() {
        long bytesAtStart = connection.bytesRead();
        try {
            long index;
            while ((index = quota.claim()) >= 0) {
                WireRequest request = requests.get((int) (quota.sequenceAt(index) % requests.size()));
                long latencyStart = schedule.awaitDueTime(index);
                try {
                    int status = connection.exchange(request, System.nanoTime() + requestTimeoutNanos);
                    tally.recordResponse(status, (System.nanoTime() - latencyStart) / 1000);
                } catch (RequestFailure failure) {
                    tally.recordError(failure.kind());
                }
            }
        } catch (RuntimeException e) {
            // A bug, not a server problem: stop the phase rather than report counts that silently miss requests.
            crash = e;
            quota.abort();
        } finally {
            tally.addBytesRead(connection.bytesRead() - bytesAtStart);
        }
    }

    PhaseTally tally() {
        return tally;
    }

    /** The unexpected exception that ended this worker, or null. */
    RuntimeException crash() {
        return crash;
    }
}
