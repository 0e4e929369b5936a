package dev.leakgate.it;

import dev.leakgate.analysis.Leak;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo's first leak reads the same on the PATH's Node and on every pinned line: a developer who moves to
 * a new Node sees the same title, the same line to change and the same path.
 */
class DemoOnEveryNodeLineTest {

    private static final Path DEMO = Path.of(System.getProperty("leakgate.demo", "../examples/demo"))
            .toAbsolutePath().normalize();
    private static final List<String> PINNED_LINES = List.of("node22", "node24", "node26");

    @TempDir
    Path output;

    @Test
    void demosFirstLeakIsTheSameOnEveryNodeLine() {
        assumeTrue(!AppUnderTest.NODE_LINES.isEmpty(), "the pinned Node lines are installed on Linux x64 only");
        Map<String, String> nodes = new LinkedHashMap<>();
        nodes.put("PATH", AppUnderTest.NODE);
        PINNED_LINES.forEach(line -> nodes.put(line, Path.of(AppUnderTest.NODE_LINES, line, "bin", "node").toString()));

        Map<String, String> firstLeaks = new LinkedHashMap<>();
        nodes.forEach((line, node) -> firstLeaks.put(line, firstLeakOf(node, output.resolve(line))));

        String onPath = firstLeaks.get("PATH");
        assertEquals("server.js:22:3 | sessions.set keeps Session objects (+1.00 per request)"
                + " | server.js (module) › sessions (Map) › {table} (array) › {n} › Session", onPath,
                "the demo's leak on the PATH's Node");
        firstLeaks.forEach((line, leak) -> assertEquals(onPath, leak, "the demo's leak on " + line));
    }

    private static String firstLeakOf(String node, Path output) {
        GateResult result = AppUnderTest.judge(node, DEMO, "server.js", output, List.of(RequestSpec.get("/orders")),
                AppUnderTest.WARMUP_REQUESTS, AppUnderTest.REQUESTS_PER_ROUND);
        assertEquals(Verdict.LEAK, result.verdict(), node + ": " + result.reason());
        Leak leak = result.failingLeaks().get(0);
        // Which slot of a table or array an object sits in varies from run to run, not from line to line.
        String path = leak.retainerPath().text().replaceAll("\\{\\d+}", "{n}").replaceAll("\\[\\d+]", "[n]")
                .replaceAll("×[\\d,]+", "×n");
        return leak.origin().fixSite().location().text() + " | " + leak.title() + " | " + path;
    }
}
