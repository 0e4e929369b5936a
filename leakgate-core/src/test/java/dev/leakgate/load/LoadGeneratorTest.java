package dev.leakgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The load generator against a real Node http server that records what it receives. */
class LoadGeneratorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** As fast as the connections go. */
    private static final double UNLIMITED_RATE = 0;

    @RegisterExtension
    static final CountingServer server = new CountingServer();

    @Test
    void countsEveryRequestExactlyOnceUnderConcurrency() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/ok")), 8, TIMEOUT,
                UNLIMITED_RATE)) {
            PhaseResult warmup = load.run("warmup", 5_000, LoadProgress.NONE);
            assertEquals("5000", server.control("/__count"));
            PhaseResult round = load.run("round-1", 3_001, LoadProgress.NONE);
            assertEquals("8001", server.control("/__count"));

            assertEquals(5_000, warmup.requests());
            assertEquals(Map.of(200, 5_000L), warmup.statusCounts());
            assertEquals(0, warmup.failed());
            assertEquals(3_001, round.requests());
            assertEquals(3_001, round.latencyHistogram().count());
            assertTrue(round.requestsPerSecond() > 0);
            assertTrue(round.bytesRead() > 0);
            assertEquals("8", server.control("/__connections"), "keep-alive: one TCP connection per configured connection");
        }
    }

    @Test
    void sendsTheCycledSequenceInOrderOnOneConnectionAcrossPhases() throws Exception {
        List<RequestSpec> mix = List.of(RequestSpec.get("/a"), RequestSpec.get("/b?x=1"),
                new RequestSpec("DELETE", "/c", Map.of(), null, null));
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), mix, 1, TIMEOUT, UNLIMITED_RATE)) {
            load.run("warmup", 7, LoadProgress.NONE);
            load.run("round-1", 5, LoadProgress.NONE);
        }
        List<String> seen = serverLog().stream().map(entry -> entry.method + " " + entry.path).toList();
        assertEquals(List.of("GET /a", "GET /b?x=1", "DELETE /c", "GET /a", "GET /b?x=1", "DELETE /c", "GET /a",
                "GET /b?x=1", "DELETE /c", "GET /a", "GET /b?x=1", "DELETE /c"), seen);
    }

    @Test
    void givesEveryRequestOfTheMixItsExactShareAcrossConnections() throws Exception {
        List<RequestSpec> mix = List.of(RequestSpec.get("/a"), RequestSpec.get("/b"), RequestSpec.get("/c"));
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), mix, 8, TIMEOUT, UNLIMITED_RATE)) {
            load.run("warmup", 1_000, LoadProgress.NONE);
            assertEquals(Map.of("/a", 334L, "/b", 333L, "/c", 333L), countByPath());
            load.run("round-1", 500, LoadProgress.NONE);
            assertEquals(Map.of("/a", 500L, "/b", 500L, "/c", 500L), countByPath());
        }
    }

    @Test
    void sendsRequestBodiesIntact() throws Exception {
        String json = "{\"name\":\"Zoë\",\"tags\":[\"a\",\"b\"],\"note\":\"line1\\nline2\"}";
        List<RequestSpec> mix = List.of(
                new RequestSpec("POST", "/items", Map.of("X-Trace", "t1"), json, "application/json"),
                new RequestSpec("PUT", "/empty", Map.of(), null, null));
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), mix, 4, TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 200, LoadProgress.NONE);
            assertEquals(0, result.failed());
        }
        List<LogEntry> log = serverLog();
        assertEquals(200, log.size());
        for (LogEntry entry : log) {
            if (entry.path.equals("/items")) {
                assertEquals("POST application/json " + json, entry.method + " " + entry.contentType + " " + entry.body);
            } else {
                assertEquals("PUT - ", entry.method + " " + entry.contentType + " " + entry.body);
            }
        }
    }

    @Test
    void readsChunkedAndContentLengthResponsesOnTheSameKeepAliveConnections() throws Exception {
        List<RequestSpec> mix = List.of(RequestSpec.get("/chunked"), RequestSpec.get("/ok"));
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), mix, 4, TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 400, LoadProgress.NONE);
            assertEquals(Map.of(200, 400L), result.statusCounts());
        }
        assertEquals("400", server.control("/__count"));
        assertEquals("4", server.control("/__connections"), "a misread body would have broken a connection");
    }

    @Test
    void reconnectsWhenTheServerAnswersConnectionClose() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/close")), 4, TIMEOUT,
                UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 300, LoadProgress.NONE);
            assertEquals(Map.of(200, 300L), result.statusCounts());
        }
        assertEquals("300", server.control("/__count"));
        assertEquals("300", server.control("/__connections"));
    }

    @Test
    void keepsExactCountsWhenTheServerEndsConnectionsAfterSomeRequests() throws Exception {
        try (NodeServer limited = NodeServer.start("counting-server.js", "--max-requests-per-socket", "7");
             LoadGenerator load = new LoadGenerator(limited.baseUrl(), List.of(RequestSpec.get("/ok")), 8, TIMEOUT,
                     UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 1_000, LoadProgress.NONE);
            assertEquals(Map.of(200, 1_000L), result.statusCounts());
            assertEquals("1000", limited.control("/__count"));
        }
    }

    @Test
    void resendsOnceWhenTheServerClosedTheIdleConnectionBetweenPhases() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/ok")), 1, TIMEOUT,
                UNLIMITED_RATE)) {
            load.run("warmup", 20, LoadProgress.NONE);
            server.control("/__close-idle");
            PhaseResult afterIdle = load.run("round-1", 20, LoadProgress.NONE);

            assertEquals(Map.of(200, 20L), afterIdle.statusCounts());
            assertEquals("40", server.control("/__count"));
            assertEquals("2", server.control("/__connections"), "the idle connection was replaced once");
        }
    }

    @Test
    void countsSlowResponsesAsTimeoutsAndReplacesTheConnection() throws Exception {
        List<RequestSpec> mix = List.of(RequestSpec.get("/delay/1000"), RequestSpec.get("/ok"));
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), mix, 1, Duration.ofMillis(200), UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 4, LoadProgress.NONE);

            assertEquals(Map.of("timeout", 2L), result.errorsByKind());
            assertEquals(Map.of(200, 2L), result.statusCounts(), "the late answer to /delay/1000 was not taken for /ok's");
            assertEquals(2, result.failed());
            assertEquals(50.0, result.errorRatePercent());
            assertTrue(result.elapsed().compareTo(Duration.ofMillis(900)) < 0, "timed out after 200 ms, not 1 s");
        }
    }

    @Test
    void countsErrorStatusesAsFailuresByStatusCode() throws Exception {
        List<RequestSpec> mix = List.of(RequestSpec.get("/ok"), RequestSpec.get("/status/500"),
                RequestSpec.get("/status/404"), RequestSpec.get("/status/302"));
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), mix, 4, TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", 400, LoadProgress.NONE);

            assertEquals(Map.of(200, 100L, 302, 100L, 404, 100L, 500, 100L), result.statusCounts());
            assertEquals(200, result.failed());
            assertEquals(Map.of(), result.errorsByKind());
            assertEquals(50.0, result.errorRatePercent());
        }
    }

    @Test
    void countsConnectErrorsAgainstAClosedPortWithoutHanging() throws Exception {
        URI closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = URI.create("http://127.0.0.1:" + probe.getLocalPort());
        }
        try (LoadGenerator load = new LoadGenerator(closedPort, List.of(RequestSpec.get("/")), 4, TIMEOUT,
                UNLIMITED_RATE)) {
            PhaseResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> load.run("round-1", 100, LoadProgress.NONE));

            assertEquals(100, result.requests());
            assertEquals(100, result.failed());
            assertEquals(Map.of("connect", 100L), result.errorsByKind());
            assertEquals(100.0, result.errorRatePercent());
        }
    }

    @Test
    void combinesPhasesIntoOneSummary() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/ok"),
                RequestSpec.get("/status/500")), 2, TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult first = load.run("round-1", 100, LoadProgress.NONE);
            PhaseResult second = load.run("round-2", 300, LoadProgress.NONE);
            PhaseResult total = PhaseResult.combine("rounds", List.of(first, second));

            assertEquals(400, total.requests());
            assertEquals(200, total.failed());
            assertEquals(Map.of(200, 200L, 500, 200L), total.statusCounts());
            assertEquals(first.elapsed().plus(second.elapsed()), total.elapsed());
            assertEquals(first.bytesRead() + second.bytesRead(), total.bytesRead());
            assertEquals(first.latencyHistogram().merge(second.latencyHistogram()), total.latencyHistogram());
            assertEquals(total.latencyHistogram().latency(), total.latency());
        }
    }

    @Test
    void stopsARunningPhaseQuicklyWhenClosed() throws Exception {
        LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/delay/1000")), 2, TIMEOUT,
                UNLIMITED_RATE);
        CompletableFuture<PhaseResult> running = CompletableFuture.supplyAsync(() -> runUnchecked(load, 100));
        Thread.sleep(200);
        load.close();

        ExecutionException stopped = assertThrows(ExecutionException.class, () -> running.get(800, TimeUnit.MILLISECONDS));
        assertEquals("Load generator for " + server.baseUrl() + " is closed; cannot run phase 'round-1'",
                stopped.getCause().getMessage());
    }

    @Test
    void stopsARunningPhaseQuicklyWhenInterrupted() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/delay/1000")), 2,
                TIMEOUT, UNLIMITED_RATE)) {
            FutureTask<PhaseResult> phase = new FutureTask<>(() -> load.run("round-1", 100, LoadProgress.NONE));
            Thread caller = new Thread(phase);
            caller.start();
            Thread.sleep(200);
            caller.interrupt();

            ExecutionException stopped = assertThrows(ExecutionException.class, () -> phase.get(800, TimeUnit.MILLISECONDS));
            assertInstanceOf(InterruptedException.class, stopped.getCause());
        }
    }

    @Test
    void paysOutRequestsAtTheConfiguredRate() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/ok")), 4, TIMEOUT, 200)) {
            PhaseResult result = load.run("round-1", 100, LoadProgress.NONE);

            assertEquals(Map.of(200, 100L), result.statusCounts());
            assertTrue(result.elapsed().toMillis() >= 490 && result.elapsed().toMillis() < 900,
                    "100 requests at 200/s take half a second, took " + result.elapsed());
        }
    }

    @Test
    void runsForTheGivenTimeAndCountsEveryRequestItStarted() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/ok")), 4, TIMEOUT,
                UNLIMITED_RATE)) {
            PhaseResult result = load.run("round-1", Duration.ofMillis(300), LoadProgress.NONE);

            assertTrue(result.requests() > 0);
            assertEquals(Map.of(200, result.requests()), result.statusCounts());
            assertEquals(String.valueOf(result.requests()), server.control("/__count"));
            assertTrue(result.elapsed().toMillis() >= 300 && result.elapsed().toMillis() < 1_000,
                    "stops starting requests after 300 ms: " + result.elapsed());
        }
    }

    @Test
    void sendsExactlyTheRequestsDueWithinTheTimeAtAConstantRate() throws Exception {
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/ok")), 4, TIMEOUT, 200)) {
            PhaseResult first = load.run("round-1", Duration.ofMillis(500), LoadProgress.NONE);
            PhaseResult second = load.run("round-2", Duration.ofMillis(250), LoadProgress.NONE);

            assertEquals(100, first.requests());
            assertEquals(50, second.requests());
            assertEquals("150", server.control("/__count"));
        }
    }

    @Test
    void reportsProgressOfALongPhaseEveryIntervalAndNothingAfterItEnds() throws Exception {
        List<ProgressSnapshot> reports = Collections.synchronizedList(new ArrayList<>());
        LoadProgress every100Millis = new LoadProgress() {
            @Override
            public void report(ProgressSnapshot progress) {
                reports.add(progress);
            }

            @Override
            public Duration interval() {
                return Duration.ofMillis(100);
            }
        };
        List<RequestSpec> mix = List.of(RequestSpec.get("/delay/20"), RequestSpec.get("/status/500"));
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), mix, 2, TIMEOUT, UNLIMITED_RATE)) {
            load.run("round-1", 40, every100Millis);
            int reportsWhenDone = reports.size();
            Thread.sleep(250);

            assertEquals(reportsWhenDone, reports.size(), "no report after the phase ended");
            assertTrue(reportsWhenDone >= 2, "about 400 ms at one report per 100 ms: " + reports);
            ProgressSnapshot first = reports.get(0);
            ProgressSnapshot last = reports.get(reportsWhenDone - 1);
            assertEquals("round-1", first.phase());
            assertEquals(OptionalLong.of(40), first.total());
            assertTrue(first.elapsed().toMillis() >= 100, first.toString());
            assertTrue(first.done() > 0 && first.done() <= last.done() && last.done() < 40, reports.toString());
            assertTrue(last.failed() > 0 && last.failed() <= (last.done() + 1) / 2, last.toString());
            assertTrue(first.requestsPerSecond() > 0 && last.p99Millis() >= 20, reports.toString());
        }
    }

    @Test
    void reportsNothingForAPhaseShorterThanTheInterval() throws Exception {
        List<ProgressSnapshot> reports = Collections.synchronizedList(new ArrayList<>());
        try (LoadGenerator load = new LoadGenerator(server.baseUrl(), List.of(RequestSpec.get("/ok")), 2, TIMEOUT,
                UNLIMITED_RATE)) {
            load.run("round-1", 100, reports::add);
            load.run("round-2", Duration.ofMillis(100), reports::add);
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void chargesAServerStallToEveryRequestThatWasDueDuringIt() throws Exception {
        // One connection, 100 requests/s: the 300 ms stall holds back the 29 requests due after it.
        List<RequestSpec> mix = new ArrayList<>(List.of(RequestSpec.get("/delay/300")));
        mix.addAll(Collections.nCopies(39, RequestSpec.get("/ok")));
        try (LoadGenerator constantRate = new LoadGenerator(server.baseUrl(), mix, 1, TIMEOUT, 100)) {
            PhaseResult result = constantRate.run("round-1", 40, LoadProgress.NONE);

            assertEquals(40, result.latencyHistogram().count());
            assertTrue(result.latency().p50() >= 50, "half the requests waited behind the stall: " + result.latency());
        }
        try (LoadGenerator asFastAsPossible = new LoadGenerator(server.baseUrl(), mix, 1, TIMEOUT, UNLIMITED_RATE)) {
            PhaseResult result = asFastAsPossible.run("round-1", 40, LoadProgress.NONE);

            assertTrue(result.latency().p50() < 50, "without a schedule only the stalled request is slow: " + result.latency());
        }
    }

    private static PhaseResult runUnchecked(LoadGenerator load, int requests) {
        try {
            return load.run("round-1", requests, LoadProgress.NONE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private record LogEntry(String connection, String method, String path, String contentType, String body) {
    }

    private static List<LogEntry> serverLog() throws Exception {
        String log = server.control("/__log");
        return log.isEmpty() ? List.of() : Arrays.stream(log.split("\n")).map(line -> {
            String[] fields = line.split(" ", -1);
            String body = new String(Base64.getDecoder().decode(fields[4]), StandardCharsets.UTF_8);
            return new LogEntry(fields[0], fields[1], fields[2], fields[3], body);
        }).toList();
    }

    private static Map<String, Long> countByPath() throws Exception {
        return serverLog().stream().collect(Collectors.groupingBy(LogEntry::path, Collectors.counting()));
    }
}
