package dev.leakgate.it;

import dev.leakgate.analysis.Leak;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On demand (see README.md): runs every control and the slow leak {@value #RUNS} times, taking turns so that a
 * busy spell of the machine hits all apps alike, and counts false alarms (a control that does not pass) and
 * misses (a slow leak not found as one leak of SlowLeakRecord objects stored at its line). Writes the table to
 * {@code it/target/stability.txt}.
 */
class StabilityBenchmark {

    private static final int RUNS = Integer.getInteger("leakgate.stability.runs", 20);
    private static final List<String> CONTROLS = List.of("controls/lru-cache.js", "controls/lazy-init.js",
            "controls/flushed-cache.js", "controls/weakmap.js", "controls/json-api.js");
    private static final String SLOW_LEAK = "leaks/slow.js";

    @TempDir
    Path output;

    @Test
    void noFalseAlarmAndNoMiss() throws IOException {
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        List<String> apps = new ArrayList<>(CONTROLS);
        apps.add(SLOW_LEAK);
        apps.forEach(app -> wrong.put(app, new ArrayList<>()));
        for (int run = 1; run <= RUNS; run++) {
            for (String app : apps) {
                long start = System.nanoTime();
                GateResult result = AppUnderTest.judge(app, output.resolve(run + "-" + app.replace('/', '-')));
                millis.merge(app, (System.nanoTime() - start) / 1_000_000, Long::sum);
                boolean right = app.equals(SLOW_LEAK) ? catchesTheSlowLeak(result) : result.verdict() == Verdict.PASS;
                if (!right) {
                    wrong.get(app).add("run " + run + ": " + result.verdict() + " " + result.reason());
                }
            }
        }
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%-26s %5s %14s %10s", "app", "runs", "wrong verdicts", "s per run"));
        for (String app : apps) {
            table.add(String.format(Locale.ROOT, "%-26s %5d %14d %10.1f", app, RUNS, wrong.get(app).size(),
                    millis.get(app) / 1000.0 / RUNS));
            wrong.get(app).forEach(detail -> table.add("    " + detail));
        }
        Files.writeString(Path.of("target", "stability.txt"), String.join(System.lineSeparator(), table)
                + System.lineSeparator());
        table.forEach(System.out::println);
        assertEquals(0, wrong.values().stream().mapToInt(List::size).sum(), String.join("\n", table));
    }

    private static boolean catchesTheSlowLeak(GateResult result) {
        if (result.verdict() != Verdict.LEAK || result.failingLeaks().size() != 1) {
            return false;
        }
        Leak leak = result.failingLeaks().get(0);
        return leak.subject().constructor().equals("SlowLeakRecord") && leak.origin().fixSite() != null
                && leak.origin().fixSite().location().text().startsWith(LeakVerdictTest.SLOW_LEAK_FIX_SITE);
    }
}
