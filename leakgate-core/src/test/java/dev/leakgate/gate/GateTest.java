package dev.leakgate.gate;

import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.process.NodeLauncher;
import dev.leakgate.snapshot.ComparisonRow;
import dev.leakgate.snapshot.HeapSnapshotReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
    void objectKeptPerRequestIsALeakNamingItsClassFirst() throws IOException {
        GateResult result = gate.run(config("leak", Duration.ofSeconds(120), 0));

        assertEquals(Verdict.LEAK, result.verdict(), result.reason());
        assertEquals("RequestRecord", result.findings().get(0).constructor());
        assertEquals(1.0, result.findings().get(0).growthPerRequest(), 0.01);
        assertTrue(result.findings().get(0).location().startsWith("app.js:"), result.findings().get(0).location());
        assertEquals(4, result.snapshots().size());
        assertEquals(4, snapshotFiles().size(), "a failed run keeps its snapshots (keepSnapshots=onFailure)");
        ComparisonRow records = result.comparison().stream().filter(row -> row.constructor().equals("RequestRecord"))
                .findFirst().orElseThrow();
        assertEquals(result.findings().get(0).perSnapshot().get(3) - result.findings().get(0).perSnapshot().get(0),
                records.countDelta(), "the comparison runs from the baseline to the last snapshot");
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
    void appThatDiesUnderLoadIsACrashWithItsLastWords() {
        GateResult result = gate.run(config("crash", Duration.ofSeconds(120), 0));

        assertEquals(Verdict.CRASH, result.verdict(), result.reason());
        assertTrue(result.reason().contains("exited with code 3"), result.reason());
        assertTrue(result.reason().contains("round 1"), result.reason());
        assertTrue(result.appLogTail().stream().anyMatch(line -> line.contains("FATAL: giving up")), result.appLogTail().toString());
    }

    @Test
    void appAnsweringErrorsCannotBeJudged() {
        GateResult result = gate.run(config("fail", Duration.ofSeconds(120), 0));

        assertEquals(Verdict.ERROR, result.verdict(), result.reason());
        assertTrue(result.reason().contains("HTTP 503"), result.reason());
        assertTrue(result.reason().contains("maxErrorRate"), result.reason());
    }

    @Test
    void missingScriptIsAnErrorNamingThePath() {
        GateConfig config = config("clean", Duration.ofSeconds(120), 0);
        LaunchSpec launch = config.launch();
        GateConfig missing = new GateConfig(new LaunchSpec(launch.node(), launch.nodeOptions(),
                launch.workingDirectory(), "no-such-app.js", launch.scriptArgs(), launch.environment(), 0,
                launch.portVariable(), launch.readyPath(), launch.startupTimeout(), launch.appLog()),
                config.requests(), config.connections(), config.warmupRequests(), config.rounds(),
                config.requestsPerRound(), config.requestTimeout(), config.rate(), config.maxErrorRate(),
                config.thresholds(), config.keepSnapshots(), config.timeout(), config.outputDirectory());

        GateResult result = gate.run(missing);

        assertEquals(Verdict.ERROR, result.verdict());
        assertTrue(result.reason().contains("no-such-app.js"), result.reason());
    }

    @Test
    void runLongerThanTheTimeoutIsStoppedAndSaysSo() {
        // 50 requests/s makes the 1,000 warm-up requests alone take 20 s.
        GateResult result = gate.run(config("clean", Duration.ofSeconds(3), 50));

        assertEquals(Verdict.ERROR, result.verdict(), result.reason());
        assertTrue(result.reason().contains("timeout=3 s"), result.reason());
        assertFalse(result.duration().compareTo(Duration.ofSeconds(15)) > 0, "took " + result.duration());
    }

    private GateConfig config(String mode, Duration timeout, double rate) {
        LaunchSpec launch = new LaunchSpec("node", List.of(), APP_DIRECTORY, "app.js", List.of(mode), Map.of(), 0,
                "PORT", "/", Duration.ofSeconds(20), output.resolve("app.log"));
        return new GateConfig(launch, List.of(RequestSpec.get("/")), 4, 1000, 3, 1000, Duration.ofSeconds(5), rate,
                1.0, LeakThresholds.defaults(), KeepSnapshots.ON_FAILURE, timeout, output);
    }

    private List<Path> snapshotFiles() throws IOException {
        try (var files = Files.list(output.resolve("snapshots"))) {
            return files.toList();
        }
    }
}
