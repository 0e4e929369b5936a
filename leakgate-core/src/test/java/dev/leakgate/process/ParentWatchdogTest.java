package dev.leakgate.process;

import dev.leakgate.TestNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preloaded script on its own: Node processes started here directly, with a stand-in for the launching JVM. */
class ParentWatchdogTest {

    private static final Path SCRIPTS = Path.of("src", "test", "node").toAbsolutePath();
    private static final Pattern CHILD_PID = Pattern.compile("spawns-child: child pid (\\d+)");

    @TempDir
    Path directory;

    private final List<Process> started = new ArrayList<>();
    /** Processes that lose their parent during a test are no longer found as descendants of what it started. */
    private final List<Long> orphans = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() throws InterruptedException {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        orphans.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void stopsTheAppAndItsChildrenOnceTheProcessThatLaunchedItIsKilled() throws Exception {
        Path watchdog = ParentWatchdog.install(directory);
        // The stand-in launcher is the app's parent, as the JVM is; "wait" keeps it from exiting on its own.
        Process launcher = start(new ProcessBuilder("sh", "-c", "LEAKGATE_PARENT_PID=$$ PORT=0 \"$0\" --require \"$1\" \"$2\" & wait",
                TestNode.EXECUTABLE, watchdog.toString(), SCRIPTS.resolve("spawns-child.js").toString()));
        BufferedReader output = reader(launcher);
        long childPid = childPid(output);
        ProcessHandle app = ProcessHandle.of(childPid).flatMap(ProcessHandle::parent).orElseThrow();
        orphans.addAll(List.of(app.pid(), childPid));

        launcher.destroyForcibly().waitFor();
        long killed = System.nanoTime();

        assertTrue(awaitStopped(app.pid(), Duration.ofSeconds(5)), "app " + app.pid() + " outlived its launcher");
        assertTrue(awaitStopped(childPid, Duration.ofSeconds(5)), "child " + childPid + " outlived the app's launcher");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - killed);
        assertTrue(elapsed.compareTo(Duration.ofSeconds(2)) < 0, "took " + elapsed);
    }

    @Test
    void probesTheLauncherByPidWhenAWrapperScriptSitsInBetween() throws Exception {
        Path watchdog = ParentWatchdog.install(directory);
        Process standIn = start(new ProcessBuilder("sleep", "60"));
        Process app = start(node(watchdog, standIn.pid(), "hello-server.js"));

        standIn.destroyForcibly().waitFor();

        assertTrue(app.waitFor(5, TimeUnit.SECONDS), "the app outlived the process it watched");
    }

    @Test
    void letsAnAppThatIsDoneExitAtOnce() throws Exception {
        Path watchdog = ParentWatchdog.install(directory);
        long start = System.nanoTime();
        Process app = start(new ProcessBuilder(TestNode.EXECUTABLE, "--require", watchdog.toString(), "-e", "console.log('done')"));
        app.getOutputStream().close();

        assertTrue(app.waitFor(5, TimeUnit.SECONDS));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, app.exitValue());
        assertTrue(elapsed.compareTo(Duration.ofSeconds(2)) < 0, "took " + elapsed);
    }

    @Test
    void leavesTheStandardInputToTheApp() throws Exception {
        Path watchdog = ParentWatchdog.install(directory);
        Process app = start(node(watchdog, ProcessHandle.current().pid(), "reads-stdin.js"));
        try (OutputStream stdin = app.getOutputStream()) {
            stdin.write("hello\n".getBytes(StandardCharsets.UTF_8));
        }

        assertEquals("reads-stdin: read 'hello'", reader(app).readLine());
        assertTrue(app.waitFor(5, TimeUnit.SECONDS));
    }

    @Test
    void isWrittenAsCommonJsSoThatModuleProjectsCanLoadIt() throws Exception {
        Files.writeString(directory.resolve("package.json"), "{\"type\": \"module\"}");
        Path watchdog = ParentWatchdog.install(directory);
        Process app = start(new ProcessBuilder(TestNode.EXECUTABLE, "--require", watchdog.toString(), "-e", "console.log('loaded')")
                .redirectErrorStream(true));

        assertEquals("loaded", reader(app).readLine());
        assertTrue(app.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, app.exitValue());
    }

    private ProcessBuilder node(Path watchdog, long watchedPid, String script) {
        ProcessBuilder builder = new ProcessBuilder(TestNode.EXECUTABLE, "--require", watchdog.toString(), SCRIPTS.resolve(script).toString());
        builder.environment().put(ParentWatchdog.PARENT_PID_VARIABLE, Long.toString(watchedPid));
        builder.environment().put("PORT", "0");
        return builder;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static long childPid(BufferedReader output) throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            Matcher matcher = CHILD_PID.matcher(line);
            if (matcher.matches()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new AssertionError("the app never printed its child's pid");
    }

    /** A process that died as an orphan may stay a zombie where PID 1 does not reap; it counts as stopped. */
    static boolean awaitStopped(long pid, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (hasStopped(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return hasStopped(pid);
    }

    private static boolean hasStopped(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true) || !Files.exists(stat)) {
            return true;
        }
        try {
            String status = Files.readString(stat);
            return status.substring(status.lastIndexOf(')') + 1).startsWith(" Z");
        } catch (IOException goneMeanwhile) {
            return true;
        }
    }
}
