package dev.leakgate.it;

import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.gate.Console;
import dev.leakgate.gate.Gate;
import dev.leakgate.gate.GateConfig;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.process.LaunchSpec;
import dev.leakgate.process.NodeLauncher;
import dev.leakgate.result.GateResult;
import dev.leakgate.settings.KeepSnapshots;
import dev.leakgate.snapshot.HeapSnapshotReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One app of {@code it/apps} judged by a whole gate run, with request counts small enough that a dozen apps
 * take about a minute: 500 warm-up requests, then 3 rounds of 1,000.
 */
final class AppUnderTest {

    static final int WARMUP_REQUESTS = 500;
    static final int ROUNDS = 3;
    static final int REQUESTS_PER_ROUND = 1000;

    private static final Path APPS = Path.of(System.getProperty("leakgate.apps", "apps")).toAbsolutePath();
    /** The Node the apps run on: the build runs the suite once on the PATH's and once on each pinned line. */
    static final String NODE = System.getProperty("leakgate.testNode", "node");
    /** Where the build installs the pinned Node lines (node-lines/), or absent where they are not installed. */
    static final String NODE_LINES = System.getProperty("leakgate.nodeLines", "");

    private AppUnderTest() {
    }

    /** Runs the gate on {@code script} (relative to {@code it/apps}) with the default thresholds, sending GET /. */
    static GateResult judge(String script, Path output) {
        return judge(script, output, List.of(RequestSpec.get("/")), WARMUP_REQUESTS, REQUESTS_PER_ROUND);
    }

    /** The same with a mix of requests and request counts of its own, for an app slower or heavier than most. */
    static GateResult judge(String script, Path output, List<RequestSpec> requests, int warmupRequests,
                            int requestsPerRound) {
        return judge(NODE, APPS, script, output, requests, warmupRequests, requestsPerRound);
    }

    /** The same on a Node and an app directory of the caller's choosing. */
    static GateResult judge(String node, Path directory, String script, Path output, List<RequestSpec> requests,
                            int warmupRequests, int requestsPerRound) {
        return judge(node, directory, script, Map.of(), output, new Workload(requests, List.of(), false),
                warmupRequests, requestsPerRound, Console.NONE);
    }

    /** What the load does: the requests of the mix, the setup requests before it, whether cookies are kept. */
    record Workload(List<RequestSpec> requests, List<RequestSpec> setupRequests, boolean cookies) {
    }

    /** A workload of its own, the app's environment, and a console to read what the run says. */
    static GateResult judge(String script, Map<String, String> environment, Path output, Workload workload,
                            Console console) {
        return judge(NODE, APPS, script, environment, output, workload, WARMUP_REQUESTS, REQUESTS_PER_ROUND, console);
    }

    private static GateResult judge(String node, Path directory, String script, Map<String, String> environment,
                                    Path output, Workload workload, int warmupRequests, int requestsPerRound,
                                    Console console) {
        List<RequestSpec> requests = workload.requests();
        // Ready once the app answers at all, with any status: a page behind a login answers 401 until it is set up.
        LaunchSpec launch = new LaunchSpec(node, List.of(), directory, script, List.of(), environment, 0, "PORT", "/",
                Duration.ofSeconds(20), output.resolve("app.log"));
        GateConfig config = new GateConfig(launch, requests, 4, warmupRequests, ROUNDS, requestsPerRound,
                Duration.ofSeconds(10), 0, 1.0, LeakThresholds.defaults(), KeepSnapshots.ON_FAILURE,
                Duration.ofSeconds(180), output, null, false, workload.setupRequests(), workload.cookies(), true);
        return new Gate(new NodeLauncher(), new HeapSnapshotReader(), console, Clock.systemUTC()).run(config);
    }

    /** The version {@code node --version} prints, as {@code [major, minor, patch]}. */
    static int[] versionOf(String node) {
        try {
            Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String printed = new String(process.getInputStream().readAllBytes()).trim();
            if (process.waitFor() != 0 || !printed.matches("v\\d+\\.\\d+\\.\\d+")) {
                throw new IllegalStateException(node + " --version printed " + printed);
            }
            return Arrays.stream(printed.substring(1).split("\\.")).mapToInt(Integer::parseInt).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code node} is at least {@code major.minor}. */
    static boolean atLeast(String node, int major, int minor) {
        int[] version = versionOf(node);
        return version[0] > major || version[0] == major && version[1] >= minor;
    }
}
