package dev.leakgate.gate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build killed mid-round must not leave its app behind. The gate runs in a JVM of its own, which the test
 * kills the way CI runners and impatient users do.
 */
class KilledBuildTest {

    private static final Pattern APP_PID = Pattern.compile("App ready at \\S+ \\(pid (\\d+)\\)");
    private static final Pattern HELPER_PID = Pattern.compile("\\[app] helper pid (\\d+)");

    @TempDir
    Path output;

    private Process build;
    private final List<Long> appProcesses = new ArrayList<>();

    @AfterEach
    void leaveNothingBehind() throws InterruptedException {
        if (build != null) {
            build.destroyForcibly().waitFor();
        }
        appProcesses.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void appAndTheProcessItStartedAreGoneWithinTenSecondsOfSigkillOfTheBuild() throws Exception {
        assertAppGoneAfter("SIGKILL", () -> build.destroyForcibly().waitFor());
    }

    @Test
    void sigtermOfTheBuildStopsTheAppThroughItsShutdownHook() throws Exception {
        assertAppGoneAfter("SIGTERM", () -> build.destroy());
    }

    /** Signals the build in round one, then waits up to 10 s for the app and its child to be gone. */
    private void assertAppGoneAfter(String signal, SignalToBuild stop) throws Exception {
        BufferedReader buildOutput = startBuildAndAwaitRoundOne();

        stop.send();
        long signalled = System.nanoTime();

        for (long pid : appProcesses) {
            assertTrue(awaitStopped(pid, Duration.ofSeconds(10)), "process " + pid + " outlived " + signal + " of the build");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - signalled);
        System.out.println("app and helper gone " + elapsed.toMillis() + " ms after " + signal + " of the build");
        buildOutput.close();
    }

    /** How the test ends the build. */
    @FunctionalInterface
    private interface SignalToBuild {
        void send() throws Exception;
    }

    /** Starts {@link GateInChildJvm} and returns once its app is being served round 1. */
    private BufferedReader startBuildAndAwaitRoundOne() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        build = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                GateInChildJvm.class.getName(), output.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(build.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.add(line);
            collectPid(APP_PID, line);
            collectPid(HELPER_PID, line);
            // Round 1 begins right after the baseline snapshot; let it get going.
            if (line.startsWith("Snapshot baseline:")) {
                Thread.sleep(500);
                assertTrue(appProcesses.size() == 2, "expected the app's and its helper's pid in " + seen);
                return lines;
            }
        }
        throw new AssertionError("the build ended before round 1: " + seen);
    }

    private void collectPid(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
            appProcesses.add(Long.parseLong(matcher.group(1)));
        }
    }

    /** An orphan that died may stay a zombie where PID 1 does not reap; it can do no harm and counts as stopped. */
    private static boolean awaitStopped(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasStopped(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static boolean hasStopped(long pid) {
        if (ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true)) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).startsWith(" Z");
        } catch (IOException gone) {
            return true;
        }
    }
}
