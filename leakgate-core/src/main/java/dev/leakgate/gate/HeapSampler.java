package dev.leakgate.gate;

import dev.leakgate.inspector.InspectorException;
import dev.leakgate.inspector.InspectorSession;
import dev.leakgate.result.HeapTimeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the app's heap use over the inspector on a thread of its own, so that the report can draw the heap
 * over the whole run. A poll that fails (the app is busy with a snapshot, or gone) is simply a gap.
 */
final class HeapSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 250;
    /** Node answers in microseconds unless it is busy with a snapshot; then a gap is better than a late point. */
    private static final Duration POLL_WAIT = Duration.ofSeconds(1);

    private final InspectorSession session;
    private final Clock clock;
    private final Instant start;
    private final ScheduledExecutorService timer;
    private final List<HeapTimeline.Sample> samples = new ArrayList<>();
    private final List<HeapTimeline.Mark> marks = new ArrayList<>();

    HeapSampler(InspectorSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.start = clock.instant();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "leakgate-heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void mark(HeapTimeline.MarkKind kind, String label) {
        synchronized (this) {
            marks.add(new HeapTimeline.Mark(now(), kind, label));
        }
    }

    /** The most recent heap use seen, or -1 before the first poll answered. */
    synchronized long latestUsedBytes() {
        return samples.isEmpty() ? -1 : samples.get(samples.size() - 1).usedBytes();
    }

    synchronized HeapTimeline timeline() {
        return new HeapTimeline(samples, marks);
    }

    private void sample() {
        try {
            long used = session.heapUsage(POLL_WAIT).usedBytes();
            synchronized (this) {
                samples.add(new HeapTimeline.Sample(now(), used));
            }
        } catch (InspectorException e) {
            // a gap in the chart: the app is taking a snapshot, or has gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long now() {
        return clock.millis() - start.toEpochMilli();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
