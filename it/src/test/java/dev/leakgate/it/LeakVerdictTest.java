package dev.leakgate.it;

import dev.leakgate.analysis.FixSite;
import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.RequestGrowth;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The verdict on real apps, one gate run each: every leak of {@code it/apps/leaks} fails as one leak, naming the line
 * to change and what keeps it alive; every app of {@code it/apps/controls} passes.
 */
class LeakVerdictTest {

    /** Where the slow leak is stored, which the stability benchmark checks too. */
    static final String SLOW_LEAK_FIX_SITE = "leaks/slow.js:16:";

    @TempDir
    Path output;

    @BeforeAll
    static void sayWhichNode() {
        // The suite runs once per Node line: its report shows which one in the output of each class.
        System.out.println("verdicts on Node " + Arrays.stream(AppUnderTest.versionOf(AppUnderTest.NODE))
                .mapToObj(String::valueOf).collect(Collectors.joining(".")) + " (" + AppUnderTest.NODE + ")");
    }

    @AfterEach
    void noProcessOutlivesTheRun() {
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().toString()).toList(),
                "processes left behind by the run");
    }

    /**
     * @param fixSite the exact line and column of the app's code to change
     * @param title   the leak's one line
     * @param path    a regular expression the retainer path must match: it starts where the app holds on
     */
    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            leaks/module-array.js   | leaks/module-array.js:11:5    | leaks.push keeps references in leaks (Array) (+10.00 per request)  | leaks/module-array\\.js \\(module\\) › leaks › Array
            leaks/closure.js        | leaks/closure.js:8:3          | tasks.push keeps IncomingMessage objects (+1.00 per request)        | leaks/closure\\.js \\(module\\) › tasks \\(Array\\) › \\[\\d+] \\(readHeaders\\(\\)\\) › \\{context} \\(system / Context\\) › req › IncomingMessage
            leaks/memoize.js        | leaks/memoize.js:9:7          | cache.set keeps {key} objects (+1.00 per request)                     | leaks/memoize\\.js \\(module\\) › priceFor \\(memoized\\(\\)\\) › \\{context} \\(system / Context\\) › cache \\(Map\\) › \\{table} \\(array\\) › \\{\\d+} › \\{key}
            leaks/listeners.js      | leaks/listeners.js:10:3       | configBus.on keeps onReload() closures (+1.00 per request)          | leaks/listeners\\.js \\(module\\) › configBus \\(EventEmitter\\) › _events \\(Object\\) › reload \\(Array\\) › \\[\\d+] › onReload\\(\\)
            leaks/timers.js         | leaks/timers.js:8:3           | setInterval keeps Timeout objects (+1.00 per request)               | node:timers \\(module\\) › timerListMap \\(Object\\) › \\[3600000] \\(TimersList\\) › _idle\\w+ \\(Timeout\\) ×[\\d,]+
            leaks/buffer.js         | leaks/buffer.js:9:3           | audit.push keeps Buffer objects (+1.00 per request)                 | leaks/buffer\\.js \\(module\\) › audit \\(Array\\) › \\[\\d+] › Buffer
            leaks/growing-buffer.js | leaks/growing-buffer.js:11:3  | Buffer.concat keeps bytes of auditTrail (+68.00 per request)        | leaks/growing-buffer\\.js \\(module\\) › auditTrail \\(Buffer\\) › .*
            leaks/sessions.js       | leaks/sessions.js:20:5        | this.sessions.set keeps Session objects (+1.00 per request)         | leaks/sessions\\.js \\(module\\) › store \\(SessionStore\\) › sessions \\(Map\\) › \\{table} \\(array\\) › \\{\\d+} › Session
            leaks/slow.js           | leaks/slow.js:16:5            | keptForever.push keeps SlowLeakRecord objects (+0.0100 per request) | leaks/slow\\.js \\(module\\) › keptForever \\(Array\\) › \\[\\d+] › SlowLeakRecord
            leaks/esm-cache.mjs     | leaks/esm-cache.mjs:17:5      | rendered.set keeps strings (+2.00 per request)                      | leaks/esm-cache\\.mjs \\(module\\) › rendered \\(Map\\) › \\{table} \\(array\\) › \\{\\d+} › \\(string\\)
            leaks/winston-logger.js | leaks/winston-logger.js:13:15 | winston.createLogger keeps DerivedLogger objects (+1.00 per request) | leaks/winston-logger\\.js \\(module\\) › shared \\(Stream\\) › _events \\(Object\\) › \\w+ \\(Array\\) › .* › DerivedLogger
            """)
    void leakIsOneLeakNamingTheLineToChangeAndWhatKeepsIt(String app, String fixSite, String title, String path) {
        GateResult result = AppUnderTest.judge(app, output);

        Leak leak = theOneFailingLeak(result);
        assertFixSite(fixSite, leak);
        assertEquals(title, leak.title());
        assertTrue(leak.retainerPath().text().matches(path), leak.retainerPath().text());
        assertTrue(leak.retainerPath().hops().size() <= 12, leak.retainerPath().text());
    }

    @Test
    void typeScriptEntryScriptIsFixedAtItsOwnLine() {
        assumeTrue(AppUnderTest.atLeast(AppUnderTest.NODE, 22, 18), "Node runs .ts files itself from 22.18 on");

        GateResult result = AppUnderTest.judge("leaks/typescript/price-alerts.ts", output);

        Leak leak = theOneFailingLeak(result);
        assertFixSite("leaks/typescript/price-alerts.ts:17:3", leak);
        assertEquals("priceFeed.on keeps notify() closures (+1.00 per request)", leak.title());
        assertTrue(leak.retainerPath().text().startsWith("leaks/typescript/price-alerts.ts (module) › priceFeed "
                + "(EventEmitter) › _events (Object) › ACME (Array)"), leak.retainerPath().text());
    }

    @Test
    void jsdomWindowNeverClosedIsOneLeakOfItsTimerNamingWhereTheWindowIsMade() {
        // A window costs 650 KB: a few dozen make the point.
        GateResult result = AppUnderTest.judge("leaks/jsdom-window.js", output, List.of(RequestSpec.get("/")), 5, 20);

        Leak leak = theOneFailingLeak(result);
        assertFixSite("leaks/jsdom-window.js:12:15", leak);
        assertTrue(leak.title().startsWith("new JSDOM keeps Timeout objects (+"), leak.title());
        // A window's own timers come and go while it loads: one more or less in a round is no other leak.
        assertEquals(1.0, leak.subject().growthPerRequest(), 0.05, leak.title());
        assertTrue(leak.findings().stream().anyMatch(finding -> finding.constructor().equals("Window")),
                "the windows are folded under the leak");
        assertTrue(leak.findings().size() > 100, "every class of jsdom grows with the windows: " + leak.findings().size());
    }

    @Test
    void middlewareThatKeepsWhatNoAppLineMakesIsFixedWhereTheAppSetsItUp() {
        GateResult result = AppUnderTest.judge("leaks/express-session.js", output);

        Leak leak = theOneFailingLeak(result);
        assertFixSite("leaks/express-session.js:9:9", leak);
        assertEquals(FixSite.Kind.SETUP, leak.origin().fixSite().kind());
        assertTrue(leak.title().startsWith("express-session keeps strings (+"), leak.title());
        // Two or three strings per visitor, by Node version and run (1.87 to 3.00 seen on Node 20 to 26).
        assertTrue(leak.subject().growthPerRequest() >= 1.8, leak.title());
        assertTrue(leak.retainerPath().text().contains("› store (MemoryStore) › sessions (Object) ›"),
                leak.retainerPath().text());
        assertTrue(leak.origin().note().startsWith("No frame of the app's own code is on the stack"),
                leak.origin().note());
    }

    @Test
    void ofFourRoutesOnlyTheOneThatLeaksIsNamed() {
        List<RequestSpec> routes = List.of(RequestSpec.get("/health"), RequestSpec.get("/orders"),
                RequestSpec.get("/orders/1"),
                new RequestSpec("POST", "/orders", Map.of(), "{\"item\": \"kettle\"}", "application/json"));

        GateResult result = AppUnderTest.judge("leaks/orders-routes.js", output, routes,
                AppUnderTest.WARMUP_REQUESTS, AppUnderTest.REQUESTS_PER_ROUND);

        Leak leak = theOneFailingLeak(result);
        assertFixSite("leaks/orders-routes.js:32:3", leak);
        assertEquals("statusChanges.on keeps OrderWatch objects (+0.25 per request)", leak.title());
        Map<String, Double> perRequest = leak.origin().requests().stream()
                .collect(Collectors.toMap(RequestGrowth::request, RequestGrowth::growthPerRequest));
        assertEquals(1.0, perRequest.get("POST /orders"), 0.01, perRequest.toString());
        assertEquals(Map.of("GET /health", 0.0, "GET /orders", 0.0, "GET /orders/1", 0.0),
                Map.of("GET /health", perRequest.get("GET /health"), "GET /orders", perRequest.get("GET /orders"),
                        "GET /orders/1", perRequest.get("GET /orders/1")));
    }

    @ParameterizedTest(name = "{0} passes")
    @ValueSource(strings = {"controls/lru-cache.js", "controls/lazy-init.js", "controls/flushed-cache.js",
            "controls/weakmap.js", "controls/json-api.js"})
    void controlPasses(String app) {
        GateResult result = AppUnderTest.judge(app, output);

        assertEquals(Verdict.PASS, result.verdict(), result.reason() + " " + describe(result.leaks()));
        assertTrue(result.leaks().stream().noneMatch(Leak::failing));
    }

    private static Leak theOneFailingLeak(GateResult result) {
        assertEquals(Verdict.LEAK, result.verdict(), result.reason());
        assertEquals(1, result.failingLeaks().size(), describe(result.leaks()));
        return result.failingLeaks().get(0);
    }

    private static void assertFixSite(String expected, Leak leak) {
        FixSite site = leak.origin().fixSite();
        assertNotNull(site, "no fix site: " + leak.origin().note() + " " + leak.origin().stacks());
        assertEquals(expected, site.location().text(), site.toString());
    }

    private static String describe(List<Leak> leaks) {
        return leaks.stream().map(leak -> leak.title() + " via " + leak.retainerPath().text() + " "
                + leak.findings().size() + " findings").collect(Collectors.joining("; ", "[", "]"));
    }
}
