package dev.leakgate.load;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports a running phase's progress from a thread of its own, so that a slow listener never holds up the requests.
 */
final class PhaseSupervisor implements AutoCloseable {

    private final ScheduledExecutorService thread;

    private PhaseSupervisor(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /** Starts reporting every {@code interval}. */
    static PhaseSupervisor start(String phase, ProgressSampler progress, Duration interval) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread reporter = new Thread(task, "leakgate-load-" + phase + "-progress");
            // Must never keep the build's JVM alive.
            reporter.setDaemon(true);
            return reporter;
        });
        thread.scheduleAtFixedRate(progress, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        return new PhaseSupervisor(thread);
    }

    /** Stops reporting; a report under way is interrupted and waited for, so none comes after this returns. */
    @Override
    public void close() {
        thread.shutdownNow();
        boolean terminated = false;
        boolean interrupted = false;
        while (!terminated) {
            try {
                terminated = thread.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // keep waiting, or a late report would follow the phase's end; the interrupt is restored below
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
