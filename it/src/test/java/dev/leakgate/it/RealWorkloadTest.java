package dev.leakgate.it;

import dev.leakgate.analysis.Leak;
import dev.leakgate.gate.Console;
import dev.leakgate.it.AppUnderTest.Workload;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.report.ReportWriter;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load as real services get it: distinct ids per request, a login whose session cookie every later request carries,
 * a token from the environment that nothing leakgate writes may show.
 */
class RealWorkloadTest {

    /** Given to this JVM by the build (see it/pom.xml), and so to the apps it starts. */
    private static final String TOKEN = System.getenv("API_TOKEN");

    @TempDir
    Path output;

    private final List<String> said = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void noProcessOutlivesTheRun() {
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().toString()).toList());
    }

    @Test
    void aCacheKeyedByIdLeaksUnderDistinctIdsAndNotUnderOne() {
        GateResult distinct = judge("workloads/profile-cache.js", Map.of(), plain(RequestSpec.get("/users/{{seq}}")));
        Leak leak = theOneFailingLeak(distinct);
        assertEquals("workloads/profile-cache.js:22:5", leak.origin().fixSite().location().text(), leak.title());
        assertTrue(leak.title().startsWith("profiles.set keeps "), leak.title());

        GateResult oneId = judge("workloads/profile-cache.js", Map.of(), plain(RequestSpec.get("/users/1")));
        assertEquals(Verdict.PASS, oneId.verdict(), oneId.reason());
    }

    @Test
    void theSameCacheBoundedByAnLruPassesUnderDistinctIds() {
        GateResult result = judge("workloads/profile-cache.js", Map.of("PROFILE_CACHE", "lru"),
                plain(RequestSpec.get("/users/{{seq}}")));

        assertEquals(Verdict.PASS, result.verdict(), result.reason());
    }

    @Test
    void aSessionHistoryBehindALoginLeaksWhenTheConnectionsLogInAndKeepTheirCookie() {
        GateResult result = judge("workloads/shop.js", Map.of(), shopping());

        Leak leak = theOneFailingLeak(result);
        assertEquals("workloads/shop.js:33:3", leak.origin().fixSite().location().text(), leak.title());
        assertEquals(0, result.phases().stream().mapToLong(PhaseResult::failed).sum(), "every request logged in");
        assertTrue(said.stream().anyMatch(line -> line.startsWith("setup: 1 request on each of 4 connections")), said.toString());
    }

    @Test
    void theSameShopPassesWhenItCapsTheHistory() {
        GateResult result = judge("workloads/shop.js", Map.of("HISTORY_CAP", "50"), shopping());

        assertEquals(Verdict.PASS, result.verdict(), result.reason());
        assertEquals(0, result.phases().stream().mapToLong(PhaseResult::failed).sum());
    }

    @Test
    void aLoginThatFailsStopsTheRunNamingIt() {
        GateResult result = judge("workloads/shop.js", Map.of(), new Workload(List.of(RequestSpec.get("/cart")),
                List.of(new RequestSpec("POST", "/signin", Map.of(), null, null)), true));

        assertEquals(Verdict.ERROR, result.verdict());
        assertTrue(result.reason().startsWith("setup request POST /signin answered 401 on connection 0"), result.reason());
    }

    @Test
    void aTokenFromTheEnvironmentOpensTheApiAndAppearsInNothingLeakgateWrites() throws IOException {
        assertTrue(TOKEN != null && TOKEN.length() >= 16, "the build sets API_TOKEN for this test");
        GateResult result = judge("workloads/token-api.js", Map.of(), plain(new RequestSpec("GET", "/orders",
                Map.of("Authorization", "Bearer {{env.API_TOKEN}}"), null, null)));
        assertEquals(Verdict.PASS, result.verdict(), result.reason());
        assertEquals(0, result.phases().stream().mapToLong(PhaseResult::failed).sum(), "every request was let in");
        new ReportWriter().writeAll(result, output);

        List<Path> written;
        try (Stream<Path> files = Files.walk(output)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertTrue(written.size() >= 4, written.toString());
        for (Path file : written) {
            assertFalse(Files.readString(file).contains(TOKEN), file + " shows the token");
        }
        assertFalse(String.join("\n", said).contains(TOKEN), "the log shows the token");
    }

    private GateResult judge(String app, Map<String, String> environment, Workload workload) {
        return AppUnderTest.judge(app, environment, output, workload, new Console() {
            @Override
            public void info(String message) {
                said.add(message);
            }

            @Override
            public void warn(String message) {
                said.add(message);
            }

            @Override
            public void appOutput(String line) {
                said.add(line);
            }
        });
    }

    private static Workload plain(RequestSpec request) {
        return new Workload(List.of(request), List.of(), false);
    }

    private static Workload shopping() {
        return new Workload(List.of(RequestSpec.get("/cart")),
                List.of(new RequestSpec("POST", "/login", Map.of(), "{\"user\": \"shopper-{{seq}}\"}", "application/json")),
                true);
    }

    private static Leak theOneFailingLeak(GateResult result) {
        assertEquals(Verdict.LEAK, result.verdict(), result.reason());
        assertEquals(1, result.failingLeaks().size(), result.failingLeaks().stream().map(Leak::title).toList().toString());
        return result.failingLeaks().get(0);
    }
}
