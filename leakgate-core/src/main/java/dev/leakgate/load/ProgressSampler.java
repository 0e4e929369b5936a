package dev.leakgate.load;

import java.time.Duration;
import java.util.OptionalLong;

/** Turns the load loop's running tally into a {@link ProgressSnapshot} for the listener; one run per report. */
final class ProgressSampler implements Runnable {

    private final String phase;
    private final OptionalLong total;
    private final PhaseTally tally;
    private final LoadProgress listener;
    private final long startNanos;
    private long doneAtLastReport;
    private long lastReportNanos;

    ProgressSampler(String phase, OptionalLong total, PhaseTally tally, LoadProgress listener, long startNanos) {
        this.phase = phase;
        this.total = total;
        this.tally = tally;
        this.listener = listener;
        this.startNanos = startNanos;
        this.lastReportNanos = startNanos;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long done = tally.completed();
        long failed = tally.failed();
        LatencyHistogram latencies = tally.latencies();
        double seconds = (now - lastReportNanos) / 1e9;
        double requestsPerSecond = seconds > 0 ? (done - doneAtLastReport) / seconds : 0;
        doneAtLastReport = done;
        lastReportNanos = now;
        listener.report(new ProgressSnapshot(phase, done, total, Duration.ofNanos(now - startNanos), requestsPerSecond,
                latencies.percentileMillis(99), failed));
    }
}
