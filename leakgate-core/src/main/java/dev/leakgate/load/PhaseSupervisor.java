package dev.leakgate.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What watches a running phase besides its workers: request timeouts, and optionally progress reports. Each has a
 * thread of its own, so that a slow report never delays a timeout.
 */
final class PhaseSupervisor implements AutoCloseable {

    /** Longest time an overdue request goes unnoticed; short timeouts are checked ten times per timeout. */
    private static final long MAX_TIMEOUT_CHECK_NANOS = Duration.ofMillis(50).toNanos();
    private static final long MIN_TIMEOUT_CHECK_NANOS = Duration.ofMillis(1).toNanos();

    private final ScheduledExecutorService threads;

    private PhaseSupervisor(ScheduledExecutorService threads) {
        this.threads = threads;
    }

    /**
     * Starts watching.
     *
     * @param progress the sampler that reports progress, or {@code null} for none
     */
    static PhaseSupervisor start(String phase, List<KeepAliveConnection> connections, long requestTimeoutNanos,
                                 ProgressSampler progress, Duration progressInterval) {
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(progress == null ? 1 : 2,
                daemonThreads("leakgate-load-" + phase + "-supervisor"));
        long check = Math.max(MIN_TIMEOUT_CHECK_NANOS, Math.min(MAX_TIMEOUT_CHECK_NANOS, requestTimeoutNanos / 10));
        threads.scheduleAtFixedRate(() -> expireOverdue(connections), check, check, TimeUnit.NANOSECONDS);
        if (progress != null) {
            long interval = progressInterval.toNanos();
            threads.scheduleAtFixedRate(progress, interval, interval, TimeUnit.NANOSECONDS);
        }
        return new PhaseSupervisor(threads);
    }

    /** Stops watching; a progress report under way is interrupted and waited for, so none comes after this returns. */
    @Override
    public void close() {
        threads.shutdownNow();
        boolean terminated = false;
        boolean interrupted = false;
        while (!terminated) {
            try {
                terminated = threads.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // keep waiting, or a late report would follow the phase's end; the interrupt is restored below
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void expireOverdue(List<KeepAliveConnection> connections) {
        long now = System.nanoTime();
        for (KeepAliveConnection connection : connections) {
            connection.expireIfOverdue(now);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            // Must never keep the build's JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }
}
