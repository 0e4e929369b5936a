package dev.leakgate.gate;

import dev.leakgate.result.Verdict;
import dev.leakgate.text.DurationText;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds a whole run by the {@code timeout} parameter by interrupting the thread that runs it: every wait
 * of a run (load phase, CDP call, snapshot transfer) gives way to an interrupt, and the run then ends on
 * its normal error path, which stops the app and writes the reports.
 */
final class RunWatchdog implements AutoCloseable {

    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final Thread run;

    RunWatchdog(Duration timeout, Thread run) {
        this.timeout = timeout;
        this.run = run;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "leakgate-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(this::fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean fired() {
        return fired.get();
    }

    /**
     * The verdict of a run the watchdog stopped. Clears the interrupt it sent, so that stopping the app and
     * writing the reports are not cut short by it.
     */
    RunStopped timedOut(String phase, List<String> appLogTail) {
        Thread.interrupted();
        return new RunStopped(Verdict.ERROR, "the run took longer than timeout=" + DurationText.of(timeout)
                + " and was stopped during " + phase + "; raise timeout or lower the request counts", appLogTail);
    }

    private void fire() {
        fired.set(true);
        run.interrupt();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (fired.get()) {
            Thread.interrupted(); // it fired as the run was ending; the interrupt must not leak into the caller
        }
    }
}
