package dev.leakgate.it;

import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.Shape;
import dev.leakgate.gate.GateResult;
import dev.leakgate.gate.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdict on real apps, one gate run each: every leak of {@code it/apps/leaks} fails with its cause among
 * the first three findings, every app of {@code it/apps/controls} passes.
 */
class LeakVerdictTest {

    @TempDir
    Path output;

    @AfterEach
    void noProcessOutlivesTheRun() {
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().toString()).toList(),
                "processes left behind by the run");
    }

    /**
     * @param cause     text that names the cause: in the constructor, or in the path that keeps the collection alive
     * @param allocator where the first finding's top allocation stack must pass; empty where too little memory
     *                  survives for the sampling profiler to be sure to see it
     */
    @ParameterizedTest(name = "{0} leaks: {2} ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            leaks/module-array.js   | COLLECTION | leaks          | leaks/module-array.js:9
            leaks/closure.js        | COLLECTION | tasks          | leaks/closure.js
            leaks/memoize.js        | COLLECTION | cache          | leaks/memoize.js
            leaks/listeners.js      | COLLECTION | reload         | leaks/listeners.js
            leaks/timers.js         | COUNT      | Timeout        | leaks/timers.js:7
            leaks/buffer.js         | COLLECTION | audit          | leaks/buffer.js:7
            leaks/growing-buffer.js | BYTES      | auditTrail     |
            leaks/sessions.js       | COLLECTION | sessions       | leaks/sessions.js:28
            leaks/slow.js           | COUNT      | SlowLeakRecord |
            """)
    void leakFailsNamingItsCauseAmongTheFirstThree(String app, Shape shape, String cause, String allocator) {
        GateResult result = AppUnderTest.judge(app, output);

        assertEquals(Verdict.LEAK, result.verdict(), result.reason());
        List<Finding> firstThree = result.findings().stream().limit(3).filter(Finding::failing).toList();
        assertTrue(firstThree.stream().anyMatch(finding -> finding.shape() == shape
                        && (finding.constructor() + " " + finding.retainerPath()).contains(cause)),
                "no " + shape + " finding naming " + cause + " among " + describe(firstThree));
        if (allocator != null) {
            Finding first = firstThree.get(0);
            assertTrue(!first.allocationStacks().isEmpty() && first.allocationStacks().get(0).frames().contains(allocator),
                    "allocation stacks of " + first.constructor() + ": " + first.allocationStacks());
        }
    }

    @ParameterizedTest(name = "{0} passes")
    @ValueSource(strings = {"controls/lru-cache.js", "controls/lazy-init.js", "controls/flushed-cache.js",
            "controls/weakmap.js", "controls/json-api.js"})
    void controlPasses(String app) {
        GateResult result = AppUnderTest.judge(app, output);

        assertEquals(Verdict.PASS, result.verdict(), result.reason() + " " + describe(result.findings()));
        assertTrue(result.findings().stream().noneMatch(Finding::failing));
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.shape() + " " + f.constructor() + " " + f.perSnapshot() + " via "
                + f.retainerPath()).collect(Collectors.joining("; ", "[", "]"));
    }
}
