package dev.leakgate.gate;

import dev.leakgate.TestNode;
import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.analysis.Shape;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.process.NodeLauncher;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import dev.leakgate.settings.KeepSnapshots;
import dev.leakgate.snapshot.ComparisonRow;
import dev.leakgate.snapshot.HeapSnapshotReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole gate runs against a real Node app whose behaviour each test picks. */
class GateTest {

    private static final Path APP_DIRECTORY = Path.of("src/test/node/gate").toAbsolutePath();

    @TempDir
    Path output;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Gate gate = new Gate(new NodeLauncher(), new HeapSnapshotReader(), new Console() {
        @Override
        public void info(String message) {
            log.add(message);
        }

        @Override
        public void warn(String message) {
            log.add(message);
        }

        @Override
        public void appOutput(String line) {
            log.add("[app] " + line);
        }
    }, Clock.systemUTC());

    @AfterEach
    void noProcessOutlivesTheRun() {
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().toString()).toList(),
                "processes left behind by the run");
    }

    @Test
    void objectKeptPerRequestIsOneLeakNamingTheLineThatKeepsItAndWhatHoldsIt() throws IOException {
        GateResult result = gate.run(config("leak", Duration.ofSeconds(120), 0));

        assertEquals(Verdict.LEAK, result.verdict(), result.reason());
        assertEquals(1, result.failingLeaks().size(), result.leaks().toString());
        Leak leak = result.failingLeaks().get(0);
        assertEquals("app.js:39:24", leak.origin().fixSite().location().text(), "if (mode === 'leak') kept.push(record);");
        assertEquals("kept.push keeps RequestRecord objects (+1.00 per request)", leak.title());
        assertTrue(leak.retainerPath().text().matches("app\\.js \\(module\\) › kept \\(Array\\) › \\[\\d+] › RequestRecord"),
                leak.retainerPath().text());
        Finding array = leak.cause();
        assertEquals(Shape.COLLECTION, array.shape());
        Finding record = leak.symptoms().stream().filter(finding -> finding.constructor().equals("RequestRecord"))
                .findFirst().orElseThrow();
        assertEquals(1.0, record.growthPerRequest(), 0.01);
        assertEquals(List.of(1000L, 1000L, 1000L), record.survivorsPerRound());
        assertTrue(record.location().text().startsWith("app.js:"), record.location().text());
        assertEquals(4, result.snapshots().size());
        assertEquals(5, snapshotFiles().size(), "a failed run keeps its snapshots (keepSnapshots=onFailure), the "
                + "diagnosis' among them");
        ComparisonRow records = result.comparison().stream().filter(row -> row.constructor().equals("RequestRecord"))
                .findFirst().orElseThrow();
        assertEquals(record.perSnapshot().get(3) - record.perSnapshot().get(0), records.countDelta(),
                "the comparison runs from the baseline to the last snapshot");
    }

    @Test
    void appThatKeepsNothingPassesAndLeavesNoSnapshots() throws IOException {
        GateResult result = gate.run(config("clean", Duration.ofSeconds(120), 0));

        assertEquals(Verdict.PASS, result.verdict(), result.reason());
        assertEquals(List.of(), result.findings());
        assertEquals(List.of("warm-up", "round 1", "round 2", "round 3"),
                result.phases().stream().map(p -> p.phase()).toList());
        assertEquals(List.of(), snapshotFiles(), "a passing run deletes its snapshots (keepSnapshots=onFailure)");
        assertTrue(Files.readString(output.resolve("app.log")).contains("clean app listening"));
    }

    @Test
    void appThatDiesUnderLoadIsACrashNamingPhaseRequestCountExitAndLastWords() {
        GateResult result = gate.run(config("crash", Duration.ofSeconds(120), 0));

        assertEquals(Verdict.CRASH, result.verdict(), result.reason());
        // 1 probe + 1,000 warm-up requests served; the 500th of round 1 is the 1,501st, which the app dies on.
        assertEquals("the app exited with code 3 during round 1 after 499 of 1,000 requests."
                + " Last output: FATAL: giving up after 1501 requests", result.reason());
        assertTrue(result.appLogTail().stream().anyMatch(line -> line.contains("FATAL: giving up")), result.appLogTail().toString());
        assertEquals(List.of("warm-up", "round 1"), result.phases().stream().map(p -> p.phase()).toList(),
                "the report keeps what was measured up to the crash");
    }

    @Test
    void appThatRunsOutOfHeapUnderLoadCrashesWithV8sVerdictInsteadOfPausingForTheDebugger() {
        GateConfig config = config("hungry", Duration.ofSeconds(120), 0);
        LaunchSpec launch = config.launch();
        GateConfig smallHeap = new GateConfig(new LaunchSpec(launch.node(), List.of("--max-old-space-size=40"),
                launch.workingDirectory(), launch.script(), launch.scriptArgs(), launch.environment(), 0,
                launch.portVariable(), launch.readyPath(), launch.startupTimeout(), launch.appLog()), config.requests(),
                config.connections(), config.warmupRequests(), config.rounds(), config.requestsPerRound(),
                config.requestTimeout(), config.rate(), config.maxErrorRate(), config.thresholds(), config.keepSnapshots(),
                config.timeout(), config.outputDirectory(), config.attach(), config.showStringValues());

        GateResult result = gate.run(smallHeap);

        assertEquals(Verdict.CRASH, result.verdict(), result.reason());
        // Where it dies depends on when V8 gives up: in a round, or taking the snapshot after it.
        assertTrue(result.reason().startsWith("the app was killed by signal 6 (SIGABRT, exit code 134, as when the"
                + " JavaScript heap runs out of memory) during "), result.reason());
        assertTrue(result.reason().matches(".* Last output: FATAL ERROR: .* - JavaScript heap out of memory"),
                result.reason());
    }

    @Test
    void nodeOlderThan18IsAnErrorNamingItsVersionAndPathAndStartsNothing() throws IOException {
        Path oldNode = output.resolve("bin").resolve("node");
        Files.createDirectories(oldNode.getParent());
        Files.writeString(oldNode, "#!/bin/sh\necho v16.20.0\n");
        assertTrue(oldNode.toFile().setExecutable(true));

        GateResult result = gate.run(withLaunch(config("clean", Duration.ofSeconds(120), 0), oldNode.toString(), "app.js", 0));

        assertEquals(Verdict.ERROR, result.verdict(), result.reason());
        assertEquals("Node v16.20.0 at " + oldNode + " is too old: leakgate needs Node 18 or newer. Install a newer Node,"
                + " or set node to its path.", result.reason());
        assertFalse(Files.exists(output.resolve("app.log")), "the app was started all the same");
    }

    @Test
    void appThatExitsBeforeItIsReadyIsAnErrorQuotingItWithinTwoSecondsOfItsExit() {
        GateConfig exits = withLaunch(config("clean", Duration.ofSeconds(120), 0), TestNode.EXECUTABLE, "../exits-at-start.js", 0);
        long start = System.nanoTime();

        GateResult result = gate.run(exits);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(Verdict.ERROR, result.verdict(), result.reason());
        assertTrue(result.reason().startsWith("The app exited with code 3 before it answered GET / on port "), result.reason());
        assertTrue(result.reason().contains("Last output: exits-at-start: DATABASE_URL is not set"), result.reason());
        assertTrue(result.appLogTail().contains("exits-at-start: DATABASE_URL is not set"), result.appLogTail().toString());
        assertTrue(elapsed.compareTo(Duration.ofSeconds(2)) < 0, "took " + elapsed);
    }

    @Test
    void attachesToAnAppStartedElsewhereFindsItsLeakAndLeavesItRunningWithoutItsDebugger() throws Exception {
        try (ExternalApp app = ExternalApp.start("leak")) {
            GateResult result = gate.run(attached(app.inspectorHttpUrl(), app.baseUrl(), false));

            assertEquals(Verdict.LEAK, result.verdict(), result.reason());
            Leak leak = result.failingLeaks().get(0);
            assertEquals(Shape.COLLECTION, leak.cause().shape(), "the kept array first");
            assertEquals("app.js:39:24", leak.origin().fixSite().location().text(), "located through the attached inspector");
            assertTrue(result.nodeVersion().startsWith("v"), result.nodeVersion());
            assertTrue(app.isAlive(), "attach mode stopped an app it did not start");
            // With an inspector session left open, Node would wait for the debugger instead of exiting.
            app.stopServing();
            assertTrue(app.awaitExit(5), "the app still waits for leakgate's inspector session");
            assertEquals(0, app.exitValue());
        }
    }

    @Test
    void attachModeRefusesAnInspectorOffThisMachineUnlessAllowed() {
        URI remote = URI.create("ws://192.0.2.10:9229/0f2c8a3e");

        GateResult result = gate.run(attached(remote, URI.create("http://127.0.0.1:3000"), false));

        assertEquals(Verdict.ERROR, result.verdict(), result.reason());
        assertEquals("refusing the inspector at " + remote + ": 192.0.2.10 is not a loopback address, and whoever reaches"
                + " a Node inspector can run any code in the app. Forward the inspector port to 127.0.0.1 (ssh -L, or"
                + " docker's -p 127.0.0.1:9229:9229), or set allowRemoteInspector=true if the network in between is"
                + " trusted.", result.reason());
        assertTrue(result.duration().compareTo(Duration.ofSeconds(2)) < 0, "it tried to connect: " + result.duration());
    }

    @Test
    void inspectorThatDropsMidSnapshotIsAnErrorSayingSo() throws Exception {
        try (ExternalApp app = ExternalApp.start("clean");
             SnapshotCuttingProxy proxy = SnapshotCuttingProxy.to(app.inspectorUrl())) {
            GateResult result = gate.run(attached(proxy.url(), app.baseUrl(), false));

            if (app.isAlive()) {
                assertEquals(Verdict.ERROR, result.verdict(), result.reason() + "; " + app);
                assertTrue(result.reason().startsWith("failed during snapshot baseline: inspector connection closed"
                        + " while taking a heap snapshot (HeapProfiler.takeHeapSnapshot)"), result.reason());
            } else {
                // Node 20 itself sometimes segfaults when its inspector client vanishes mid-snapshot (seen under
                // load, exit 139); then the app's death is what the run must report, not a hang or a verdict.
                assertEquals(Verdict.CRASH, result.verdict(), result.reason() + "; " + app);
                assertTrue(result.reason().contains("during snapshot baseline"), result.reason());
            }
        }
    }

    @Test
    void stringValuesFromTheHeapAppearOnlyWhenAskedFor() {
        GateConfig strings = config("strings", Duration.ofSeconds(120), 0);

        GateResult hidden = gate.run(strings);
        GateResult shown = gate.run(withShowStringValues(strings));

        assertEquals(Verdict.LEAK, hidden.verdict(), hidden.reason());
        assertTrue(hidden.findings().stream().anyMatch(finding -> finding.constructor().equals("(string)")),
                hidden.findings().toString());
        assertTrue(hidden.findings().stream().allMatch(finding -> finding.sampleValue() == null), hidden.findings().toString());
        String sample = shown.findings().stream().filter(finding -> finding.constructor().equals("(string)"))
                .findFirst().orElseThrow().sampleValue();
        assertTrue(sample != null && sample.matches("session-token-\\d+"), sample);
    }

    @Test
    void appAnsweringErrorsCannotBeJudged() {
        GateResult result = gate.run(config("fail", Duration.ofSeconds(120), 0));

        assertEquals(Verdict.ERROR, result.verdict(), result.reason());
        assertTrue(result.reason().startsWith("the app answered 503 to 100% of the 1,000 requests in warm-up, "
                + "above maxErrorRate=1.00%"), result.reason());
    }

    @Test
    void missingScriptIsAnErrorNamingThePathAndLeavesNoEarlierRunsAppLog() throws IOException {
        Files.writeString(output.resolve("app.log"), "clean app listening (an earlier run)\n");
        GateConfig config = config("clean", Duration.ofSeconds(120), 0);
        LaunchSpec launch = config.launch();
        GateConfig missing = new GateConfig(new LaunchSpec(launch.node(), launch.nodeOptions(),
                launch.workingDirectory(), "no-such-app.js", launch.scriptArgs(), launch.environment(), 0,
                launch.portVariable(), launch.readyPath(), launch.startupTimeout(), launch.appLog()),
                config.requests(), config.connections(), config.warmupRequests(), config.rounds(),
                config.requestsPerRound(), config.requestTimeout(), config.rate(), config.maxErrorRate(),
                config.thresholds(), config.keepSnapshots(), config.timeout(), config.outputDirectory(), config.attach(),
                config.showStringValues());

        GateResult result = gate.run(missing);

        assertEquals(Verdict.ERROR, result.verdict());
        assertTrue(result.reason().contains("no-such-app.js"), result.reason());
        assertFalse(Files.exists(output.resolve("app.log")), "an earlier run's app.log is left next to this run's report");
    }

    @Test
    void unexpectedErrorOnceTheAppIsUpStopsTheAppAndIsAnErrorResult() {
        Gate failing = new Gate(new NodeLauncher(), new HeapSnapshotReader(), new Console() {
            @Override
            public void info(String message) {
                if (message.startsWith("App ready at")) {
                    throw new IllegalStateException("a fault of leakgate's own");
                }
            }

            @Override
            public void warn(String message) {
                log.add(message);
            }

            @Override
            public void appOutput(String line) {
            }
        }, Clock.systemUTC());

        GateResult result = failing.run(config("clean", Duration.ofSeconds(120), 0));

        assertEquals(Verdict.ERROR, result.verdict());
        assertEquals("leakgate stopped on an unexpected error: java.lang.IllegalStateException: a fault of leakgate's own",
                result.reason());
        assertTrue(log.stream().anyMatch(line -> line.contains("please report it with this trace")), String.join("\n", log));
    }

    @Test
    void runLongerThanTheTimeoutIsStoppedAndSaysSo() {
        // 50 requests/s makes the 1,000 warm-up requests alone take 20 s.
        GateResult result = gate.run(config("clean", Duration.ofSeconds(3), 50));

        assertEquals(Verdict.ERROR, result.verdict(), result.reason());
        assertTrue(result.reason().contains("timeout=3 s"), result.reason());
        assertFalse(result.duration().compareTo(Duration.ofSeconds(15)) > 0, "took " + result.duration());
    }

    @Test
    void longPhaseShowsItsProgressAndTheAppsHeapInTheLog() {
        // 50 requests/s makes the warm-up last long enough for a progress line; the timeout then ends the run.
        gate.run(config("clean", Duration.ofSeconds(3), 50));

        assertTrue(log.stream().anyMatch(line -> line.matches(
                "warm-up: \\d+/1,000 requests in 2(\\.\\d+)? s, \\d+\\.\\d\\d req/s, p99 .* ms, 0 failed, heap used .*B")),
                log.toString());
    }

    private GateConfig withLaunch(GateConfig config, String node, String script, int port) {
        LaunchSpec launch = config.launch();
        return new GateConfig(new LaunchSpec(node, launch.nodeOptions(), launch.workingDirectory(), script,
                launch.scriptArgs(), launch.environment(), port, launch.portVariable(), launch.readyPath(),
                launch.startupTimeout(), launch.appLog()), config.requests(), config.connections(),
                config.warmupRequests(), config.rounds(), config.requestsPerRound(), config.requestTimeout(),
                config.rate(), config.maxErrorRate(), config.thresholds(), config.keepSnapshots(), config.timeout(),
                config.outputDirectory(), config.attach(), config.showStringValues());
    }

    private GateConfig attached(URI inspectorUrl, URI baseUrl, boolean allowRemoteInspector) {
        GateConfig config = config("", Duration.ofSeconds(120), 0);
        return new GateConfig(config.launch(), config.requests(), config.connections(), config.warmupRequests(),
                config.rounds(), config.requestsPerRound(), config.requestTimeout(), config.rate(), config.maxErrorRate(),
                config.thresholds(), config.keepSnapshots(), config.timeout(), config.outputDirectory(),
                new AttachSpec(inspectorUrl, baseUrl, allowRemoteInspector), false);
    }

    private static GateConfig withShowStringValues(GateConfig config) {
        return new GateConfig(config.launch(), config.requests(), config.connections(), config.warmupRequests(),
                config.rounds(), config.requestsPerRound(), config.requestTimeout(), config.rate(), config.maxErrorRate(),
                config.thresholds(), config.keepSnapshots(), config.timeout(), config.outputDirectory(), config.attach(),
                true);
    }

    private GateConfig config(String mode, Duration timeout, double rate) {
        LaunchSpec launch = new LaunchSpec(TestNode.EXECUTABLE, List.of(), APP_DIRECTORY, "app.js", List.of(mode), Map.of(), 0,
                "PORT", "/", Duration.ofSeconds(20), output.resolve("app.log"));
        return new GateConfig(launch, List.of(RequestSpec.get("/")), 4, 1000, 3, 1000, Duration.ofSeconds(5), rate,
                1.0, LeakThresholds.defaults(), KeepSnapshots.ON_FAILURE, timeout, output, null, false);
    }

    private List<Path> snapshotFiles() throws IOException {
        try (var files = Files.list(output.resolve("snapshots"))) {
            return files.toList();
        }
    }
}
