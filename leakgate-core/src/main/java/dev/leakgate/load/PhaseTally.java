package dev.leakgate.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of the load loop during one phase. One thread writes, so the hot path needs no synchronisation; the running
 * totals that progress reports read from another thread are published with release stores, which cost nothing extra.
 */
final class PhaseTally {

    private static final int STATUS_CODES = 1000;
    private static final ErrorKind[] ERROR_KINDS = ErrorKind.values();

    private final long[] statusCounts = new long[STATUS_CODES];
    private final long[] errorCounts = new long[ERROR_KINDS.length];
    private final LatencyHistogram.Recorder latencies = new LatencyHistogram.Recorder();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long bytesRead;

    void recordResponse(int status, long latencyMicros) {
        statusCounts[status]++;
        latencies.record(latencyMicros);
        if (!PhaseResult.isSuccess(status)) {
            failed.setRelease(failed.getPlain() + 1);
        }
        completed.setRelease(completed.getPlain() + 1);
    }

    void recordError(ErrorKind kind) {
        errorCounts[kind.ordinal()]++;
        failed.setRelease(failed.getPlain() + 1);
        completed.setRelease(completed.getPlain() + 1);
    }

    /** Requests finished so far, whatever their outcome; readable from any thread. */
    long completed() {
        return completed.getAcquire();
    }

    /** Requests failed so far; readable from any thread. */
    long failed() {
        return failed.getAcquire();
    }

    /** The latencies recorded so far; readable from any thread. */
    LatencyHistogram latencies() {
        return latencies.toHistogram();
    }

    void addBytesRead(long count) {
        bytesRead += count;
    }

    /** The phase's result; call only after the loop that writes this tally finished the phase. */
    PhaseResult summarise(String phase, Duration elapsed) {
        Map<Integer, Long> statusesSeen = new HashMap<>();
        Map<String, Long> errorsByKind = new HashMap<>();
        long requests = 0;
        long failedRequests = 0;
        for (int status = 0; status < STATUS_CODES; status++) {
            long count = statusCounts[status];
            if (count > 0) {
                statusesSeen.put(status, count);
                requests += count;
                failedRequests += PhaseResult.isSuccess(status) ? 0 : count;
            }
        }
        for (ErrorKind kind : ERROR_KINDS) {
            long count = errorCounts[kind.ordinal()];
            if (count > 0) {
                errorsByKind.put(kind.label(), count);
                requests += count;
                failedRequests += count;
            }
        }
        return PhaseResult.of(phase, requests, failedRequests, statusesSeen, errorsByKind, elapsed, bytesRead,
                latencies.toHistogram());
    }
}
