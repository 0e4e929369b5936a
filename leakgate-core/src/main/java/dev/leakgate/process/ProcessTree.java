package dev.leakgate.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Stops a process and everything it started: politely first, then by force. */
final class ProcessTree {

    private static final long POLL_INTERVAL_MILLIS = 20;

    private final ProcessHandle root;
    private final Duration gracePeriod;
    private final Duration killWait;

    ProcessTree(ProcessHandle root, Duration gracePeriod, Duration killWait) {
        this.root = root;
        this.gracePeriod = gracePeriod;
        this.killWait = killWait;
    }

    /**
     * Sends SIGTERM to the whole tree, waits for the grace period, then SIGKILLs whatever is left.
     * Never throws; an interrupt skips the grace period and is passed on.
     */
    void stop() {
        // Collected before the root dies: its orphans are re-parented and no longer show up as descendants.
        List<ProcessHandle> members = Stream.concat(root.descendants(), Stream.of(root)).toList();
        members.forEach(ProcessHandle::destroy);
        boolean interrupted = !awaitExit(members, gracePeriod);
        Stream.concat(members.stream(), root.descendants())
                .filter(ProcessTree::isRunning)
                .forEach(ProcessHandle::destroyForcibly);
        interrupted |= !awaitExit(members, killWait);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Polls rather than using {@code onExit()}: for processes that are not our children the JDK watches
     * with a growing sleep, which added more than a second to every stop. Returns false only if interrupted.
     */
    private static boolean awaitExit(List<ProcessHandle> members, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (members.stream().anyMatch(ProcessTree::isRunning) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * A grandchild that dies together with its parent is handed to PID 1; where that is not a real init
     * (containers started without one) it stays a zombie for seconds or forever, and the JDK counts a
     * zombie as alive. It can neither run nor be killed again, so on Linux it counts as stopped here.
     */
    private static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    private static boolean isZombie(long pid) {
        try {
            // The state follows the command name, which is in parentheses and may itself contain spaces.
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && stat.startsWith(" Z", afterName + 1);
        } catch (IOException | RuntimeException notLinuxOrGone) {
            return false;
        }
    }
}
