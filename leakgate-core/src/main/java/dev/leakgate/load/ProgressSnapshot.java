package dev.leakgate.load;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How a running phase is doing, as a {@link LoadProgress} listener is told. Figures are read while workers run, so they
 * may lag behind by the requests finishing at that moment; the phase's {@link PhaseResult} is exact.
 *
 * @param phase             label given to {@link LoadGenerator#run}
 * @param done              requests finished so far, whatever their outcome
 * @param total             requests the phase sends; empty for a phase that runs for a given time
 * @param elapsed           time since the phase started
 * @param requestsPerSecond rate since the previous report, or since the start for the first one
 * @param p99Millis         99th percentile latency of the responses so far, in milliseconds
 * @param failed            requests failed so far: error statuses and requests without a response
 */
public record ProgressSnapshot(String phase, long done, OptionalLong total, Duration elapsed, double requestsPerSecond,
                               double p99Millis, long failed) {

    public ProgressSnapshot {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
