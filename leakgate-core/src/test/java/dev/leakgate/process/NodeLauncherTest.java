package dev.leakgate.process;

import dev.leakgate.TestNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLauncherTest {

    private static final Path SCRIPTS = Path.of("src", "test", "node").toAbsolutePath();

    @TempDir
    Path outputDirectory;

    private final NodeLauncher launcher = new NodeLauncher();
    private final List<String> console = new CopyOnWriteArrayList<>();

    @AfterEach
    void noProcessIsLeftBehind() {
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().toString()).toList());
    }

    @Test
    void returnsOnceTheAppAnswersWithItsInspectorUrlAndLogsItsOutput() throws Exception {
        try (NodeApp app = launcher.launch(spec("hello-server.js", 0, "/", Duration.ofSeconds(10)), console::add)) {
            assertTrue(app.isAlive());
            assertEquals("hello", get(app.baseUrl() + "/anything"));
            assertEquals("ws", app.inspectorUrl().getScheme());
            assertEquals("127.0.0.1", app.inspectorUrl().getHost());
            String listening = "hello-server listening on " + app.port();
            assertTrue(appLog().contains(listening), appLog());
            assertTrue(appLog().contains("Debugger listening on " + app.inspectorUrl()), appLog());
            assertTrue(console.contains(listening), console.toString());
            assertTrue(app.lastLines().contains(listening), app.lastLines().toString());
        }
    }

    @Test
    void passesTheChosenPortInThePortVariableWithTheExtraEnvironment() throws Exception {
        int port = freePort();
        LaunchSpec spec = new LaunchSpec(TestNode.EXECUTABLE, List.of("--max-old-space-size=128"), SCRIPTS, "hello-server.js",
                List.of(), Map.of("UNRELATED", "x"), port, "PORT", "/", Duration.ofSeconds(10), appLogPath());
        try (NodeApp app = launcher.launch(spec, console::add)) {
            assertEquals(port, app.port());
            assertEquals("http://127.0.0.1:" + port, app.baseUrl().toString());
            assertEquals("hello", get(app.baseUrl() + "/"));
        }
    }

    @Test
    void failsWithinTwoSecondsQuotingTheAppWhenItExitsDuringStartup() {
        long start = System.nanoTime();
        LaunchException failure = assertThrows(LaunchException.class,
                () -> launcher.launch(spec("exits-at-start.js", 0, "/", Duration.ofSeconds(30)), console::add));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(elapsed.compareTo(Duration.ofSeconds(2)) < 0, "took " + elapsed);
        assertTrue(failure.getMessage().contains("exited with code 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("exits-at-start: DATABASE_URL is not set"), failure.getMessage());
        assertTrue(failure.lastLines().contains("exits-at-start: DATABASE_URL is not set"), failure.lastLines().toString());
    }

    @Test
    void namesReadyPathAndPortWhenTheAppNeverAnswersAndLeavesNothingRunning() throws Exception {
        int port = freePort();
        LaunchException failure = assertThrows(LaunchException.class,
                () -> launcher.launch(spec("never-ready.js", port, "/health", Duration.ofSeconds(1)), console::add));

        assertTrue(failure.getMessage().contains("/health"), failure.getMessage());
        assertTrue(failure.getMessage().contains(Integer.toString(port)), failure.getMessage());
        assertTrue(failure.getMessage().contains("never-ready: still warming up"), failure.getMessage());
        assertTrue(processesRunning("never-ready.js").isEmpty(), "left behind: " + processesRunning("never-ready.js"));
    }

    @Test
    void refusesAFixedPortThatSomethingAnswersOnWithoutStartingNode() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = squatter.getLocalPort();

            LaunchException failure = assertThrows(LaunchException.class,
                    () -> launcher.launch(spec("hello-server.js", port, "/", Duration.ofSeconds(10)), console::add));

            assertEquals("port " + port + " is already in use: something answers on 127.0.0.1:" + port + " before the app"
                    + " was started. Stop what listens there, or set port to 0 so that leakgate picks a free port.",
                    failure.getMessage());
            assertFalse(Files.exists(appLogPath()), "node was started all the same");
        }
    }

    @Test
    void explainsAnAppThatFindsItsPortTakenOnAnotherInterface() throws Exception {
        // Held on 127.0.0.2 only: the check on 127.0.0.1 passes, and the app, listening everywhere, fails.
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            int port = squatter.getLocalPort();
            long start = System.nanoTime();

            LaunchException failure = assertThrows(LaunchException.class,
                    () -> launcher.launch(spec("listens-everywhere.js", port, "/", Duration.ofSeconds(30)), console::add));

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(elapsed.compareTo(Duration.ofSeconds(3)) < 0, "took " + elapsed);
            assertTrue(failure.getMessage().startsWith("The app exited with code 1 before it answered GET / on port "
                    + port + ". It reports EADDRINUSE: a port it listens on is taken. If that is port " + port
                    + ", stop what listens there (on any interface), or set port to 0 so that leakgate picks a free port."
                    + " Last output: Error: listen EADDRINUSE: address already in use :::" + port + "\n"),
                    failure.getMessage());
        }
    }

    @Test
    void keepsTheInspectorsOwnLinesInTheAppLogButOffTheConsole() throws Exception {
        try (NodeApp app = launcher.launch(spec("hello-server.js", 0, "/", Duration.ofSeconds(10)), console::add)) {
            assertTrue(appLog().contains("Debugger listening on ws://"), appLog());
            assertTrue(appLog().contains("For help, see: https://nodejs.org/"), appLog());
            assertTrue(console.contains("hello-server listening on " + app.port()), console.toString());
            assertTrue(console.stream().noneMatch(line -> line.startsWith("Debugger") || line.startsWith("For help")),
                    console.toString());
            assertTrue(app.lastLines().stream().noneMatch(line -> line.startsWith("Debugger")), app.lastLines().toString());
        }
    }

    @Test
    void refusesANodeOlderThan18NamingItsVersionAndPath() throws Exception {
        Path fakeNode = outputDirectory.resolve("old-node");
        Files.writeString(fakeNode, "#!/bin/sh\necho v16.20.0\n");
        fakeNode.toFile().setExecutable(true);

        LaunchException failure = assertThrows(LaunchException.class,
                () -> launcher.nodeVersion(fakeNode.toString(), outputDirectory));

        assertEquals("Node v16.20.0 at " + fakeNode + " is too old: leakgate needs Node 18 or newer. Install a newer Node,"
                + " or set node to its path.", failure.getMessage());
    }

    @Test
    void namesTheResolvedPathWhenTheScriptIsMissing() {
        LaunchException failure = assertThrows(LaunchException.class,
                () -> launcher.launch(spec("no-such-app.js", 0, "/", Duration.ofSeconds(5)), console::add));

        assertTrue(failure.getMessage().contains(SCRIPTS.resolve("no-such-app.js").toString()), failure.getMessage());
    }

    @Test
    void namesTheSearchedPathWhenNodeIsNotInstalled() {
        LaunchSpec spec = new LaunchSpec("leakgate-no-such-node", List.of(), SCRIPTS, "hello-server.js", List.of(),
                Map.of(), 0, "PORT", "/", Duration.ofSeconds(5), appLogPath());

        LaunchException failure = assertThrows(LaunchException.class, () -> launcher.launch(spec, console::add));

        assertTrue(failure.getMessage().contains("'leakgate-no-such-node' was not found on the PATH"), failure.getMessage());
        assertTrue(failure.getMessage().contains(System.getenv("PATH")), failure.getMessage());
    }

    @Test
    void namesTheResolvedPathWhenTheNodeExecutableIsMissing() {
        LaunchSpec spec = new LaunchSpec("tools/node/bin/node", List.of(), SCRIPTS, "hello-server.js", List.of(),
                Map.of(), 0, "PORT", "/", Duration.ofSeconds(5), appLogPath());

        LaunchException failure = assertThrows(LaunchException.class, () -> launcher.launch(spec, console::add));

        assertTrue(failure.getMessage().contains(SCRIPTS.resolve("tools/node/bin/node").toString()), failure.getMessage());
    }

    @Test
    void closeStopsTheAppAndTheProcessesItSpawned() throws Exception {
        ProcessHandle parent;
        ProcessHandle child;
        try (NodeApp app = launcher.launch(spec("spawns-child.js", 0, "/", Duration.ofSeconds(10)), console::add)) {
            parent = ProcessHandle.of(app.pid()).orElseThrow();
            child = ProcessHandle.of(childPid(app.lastLines())).orElseThrow();
            assertTrue(child.isAlive());
            assertEquals(parent.pid(), child.parent().map(ProcessHandle::pid).orElseThrow());
        }
        assertFalse(parent.isAlive());
        assertTrue(hasStopped(child), "child " + child.pid() + " still runs");
    }

    @Test
    void closeKillsAnAppThatIgnoresSigtermAndIsIdempotent() throws Exception {
        NodeApp app = launcher.launch(spec("ignores-sigterm.js", 0, "/", Duration.ofSeconds(10)), console::add);
        try {
            app.close();
            assertFalse(app.isAlive());
            assertTrue(app.lastLines().contains("ignores-sigterm: ignoring SIGTERM"), app.lastLines().toString());
            assertEquals("was stopped by leakgate", app.describeExit());
            app.close();
        } finally {
            app.close();
        }
    }

    @Test
    void describesAnAppKilledFromOutsideByItsSignal() throws Exception {
        try (NodeApp app = launcher.launch(spec("hello-server.js", 0, "/", Duration.ofSeconds(10)), console::add)) {
            ProcessHandle.of(app.pid()).orElseThrow().destroyForcibly();
            ProcessHandle.of(app.pid()).ifPresent(handle -> handle.onExit().join());

            assertEquals("was killed by signal 9 (SIGKILL, exit code 137)", app.describeExit());
        }
    }

    @Test
    void reportsTheInstalledNodeVersion() throws Exception {
        String version = launcher.nodeVersion(TestNode.EXECUTABLE, outputDirectory);

        assertTrue(version.matches("v\\d+\\.\\d+\\.\\d+.*"), version);
    }

    @Test
    void nodeVersionNamesWhatItSearchedWhenNodeIsMissing() {
        LaunchException failure = assertThrows(LaunchException.class,
                () -> launcher.nodeVersion("leakgate-no-such-node", outputDirectory));

        assertTrue(failure.getMessage().contains("'leakgate-no-such-node' was not found on the PATH"), failure.getMessage());
    }

    @Test
    void nodeVersionSaysAMissingWorkingDirectoryIsMissingBeforeLookingForNodeInIt() {
        Path missing = outputDirectory.resolve("no-such-app");
        LaunchException failure = assertThrows(LaunchException.class,
                () -> launcher.nodeVersion("./node_modules/.bin/node", missing));

        assertEquals("The working directory " + missing + " does not exist or is not a directory.", failure.getMessage());
    }

    private LaunchSpec spec(String script, int port, String readyPath, Duration startupTimeout) {
        return new LaunchSpec(TestNode.EXECUTABLE, List.of(), SCRIPTS, script, List.of(), Map.of(), port, "PORT", readyPath,
                startupTimeout, appLogPath());
    }

    private Path appLogPath() {
        return outputDirectory.resolve("leakgate").resolve("app.log");
    }

    private String appLog() throws IOException {
        return Files.readString(appLogPath());
    }

    private static String get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static long childPid(List<String> lines) {
        Pattern childLine = Pattern.compile("spawns-child: child pid (\\d+)");
        return lines.stream().map(childLine::matcher).filter(Matcher::matches).findFirst()
                .map(matcher -> Long.parseLong(matcher.group(1)))
                .orElseThrow(() -> new AssertionError("no child pid in " + lines));
    }

    /** An orphan may linger as a zombie until PID 1 reaps it, which the JDK still reports as alive. */
    private static boolean hasStopped(ProcessHandle process) throws IOException {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        if (!process.isAlive() || !Files.exists(stat)) {
            return true;
        }
        String status = Files.readString(stat);
        return status.substring(status.lastIndexOf(')') + 1).startsWith(" Z");
    }

    private static List<ProcessHandle> processesRunning(String script) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(script))
                .toList();
    }
}
