package dev.leakgate.load;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one phase of load (warm-up, a round, or several combined) did.
 *
 * @param phase             label given to {@link LoadGenerator#run}
 * @param requests          requests sent (every one counts once, whatever its outcome)
 * @param failed            requests without a 2xx/3xx response: error statuses plus {@code errorsByKind}
 * @param statusCounts      responses per status code, ascending
 * @param errorsByKind      requests without any response, by kind: {@code connect}, {@code timeout}, {@code reset},
 *                          {@code protocol}; kinds that did not occur are absent
 * @param elapsed           wall-clock time of the phase
 * @param requestsPerSecond {@code requests} divided by {@code elapsed}
 * @param latency           percentiles of the requests that got a response
 * @param bytesRead         bytes received, headers included
 * @param latencyHistogram  the full latency distribution, for {@link #combine}
 */
public record PhaseResult(String phase, long requests, long failed, Map<Integer, Long> statusCounts,
                          Map<String, Long> errorsByKind, Duration elapsed, double requestsPerSecond, Latency latency,
                          long bytesRead, LatencyHistogram latencyHistogram) {

    public PhaseResult {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(latencyHistogram, "latencyHistogram");
        statusCounts = Collections.unmodifiableMap(new TreeMap<>(statusCounts));
        errorsByKind = Collections.unmodifiableMap(new TreeMap<>(errorsByKind));
    }

    /** Whether a response with this status counts as answered; redirects do: the app handled the request. */
    public static boolean isSuccess(int status) {
        return status >= 200 && status < 400;
    }

    /** Builds a result whose rate and latency percentiles are derived from the counts, time and histogram. */
    static PhaseResult of(String phase, long requests, long failed, Map<Integer, Long> statusCounts,
                          Map<String, Long> errorsByKind, Duration elapsed, long bytesRead, LatencyHistogram histogram) {
        double seconds = elapsed.toNanos() / 1e9;
        double requestsPerSecond = seconds > 0 ? requests / seconds : 0;
        return new PhaseResult(phase, requests, failed, statusCounts, errorsByKind, elapsed, requestsPerSecond,
                histogram.latency(), bytesRead, histogram);
    }

    /**
     * Adds up phases, e.g. all measured rounds of a run: counts and times are summed, the rate is over the summed time,
     * latency percentiles come from the merged distributions.
     */
    public static PhaseResult combine(String phase, List<PhaseResult> parts) {
        long requests = 0;
        long failed = 0;
        long bytesRead = 0;
        Duration elapsed = Duration.ZERO;
        Map<Integer, Long> statusCounts = new TreeMap<>();
        Map<String, Long> errorsByKind = new TreeMap<>();
        LatencyHistogram histogram = LatencyHistogram.empty();
        for (PhaseResult part : parts) {
            requests += part.requests;
            failed += part.failed;
            bytesRead += part.bytesRead;
            elapsed = elapsed.plus(part.elapsed);
            part.statusCounts.forEach((status, count) -> statusCounts.merge(status, count, Long::sum));
            part.errorsByKind.forEach((kind, count) -> errorsByKind.merge(kind, count, Long::sum));
            histogram = histogram.merge(part.latencyHistogram);
        }
        return of(phase, requests, failed, statusCounts, errorsByKind, elapsed, bytesRead, histogram);
    }

    /** Failed requests as a percentage of all requests; 0 for a phase without requests. */
    public double errorRatePercent() {
        return requests == 0 ? 0 : 100.0 * failed / requests;
    }
}
