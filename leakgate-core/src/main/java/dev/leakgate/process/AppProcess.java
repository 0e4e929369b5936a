package dev.leakgate.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeroturnaround.exec.StartedProcess;

/**
 * A started Node process and everything it spawns, owned until {@link #stop()}: also stopped when the
 * JVM shuts down first (Ctrl-C of the build), through a shutdown hook that lives exactly as long as it.
 */
final class AppProcess {

    private static final Duration GRACE_PERIOD = Duration.ofSeconds(3);
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);

    private final Process process;
    private final Future<?> exitedAndDrained;
    private final AppOutput output;
    private final ProcessTree tree;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean stoppedWhileRunning;

    private AppProcess(StartedProcess started, AppOutput output) {
        this.process = started.getProcess();
        this.exitedAndDrained = started.getFuture();
        this.output = output;
        this.tree = new ProcessTree(process.toHandle(), GRACE_PERIOD, KILL_WAIT);
        this.shutdownHook = new Thread(this::terminateTree, "leakgate-stop-node-" + process.pid());
    }

    static AppProcess own(StartedProcess started, AppOutput output) {
        AppProcess app = new AppProcess(started, output);
        Runtime.getRuntime().addShutdownHook(app.shutdownHook);
        return app;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return whether the process has exited within {@code timeout} */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onWaitingForDebugger(Runnable action) {
        output.onWaitingForDebugger(action);
    }

    List<String> lastLines() {
        return output.lastLines();
    }

    String describeExit() {
        if (process.isAlive()) {
            return "is still running";
        }
        return stoppedWhileRunning ? "was stopped by leakgate" : ExitStatus.describe(process.exitValue());
    }

    /** Waits until the app's last lines have been read, so that error messages can quote them. */
    void awaitOutputDrained() throws InterruptedException {
        try {
            exitedAndDrained.get(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // A grandchild may still hold the pipes open; quote what has arrived so far.
        }
    }

    /** Stops the process tree and closes the app log; idempotent, never throws. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to run; stopping twice is harmless.
        }
        terminateTree();
        try {
            awaitOutputDrained();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.close();
    }

    private void terminateTree() {
        if (process.isAlive()) {
            stoppedWhileRunning = true;
        }
        tree.stop();
    }
}
