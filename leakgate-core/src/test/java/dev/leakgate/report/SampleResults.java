package dev.leakgate.report;

import dev.leakgate.analysis.Judgement;
import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.LeakOrigin;
import dev.leakgate.analysis.SampleLeaks;
import dev.leakgate.analysis.Shape;
import dev.leakgate.load.Latency;
import dev.leakgate.load.LatencyHistogram;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.HeapTimeline;
import dev.leakgate.result.Setting;
import dev.leakgate.result.SnapshotInfo;
import dev.leakgate.result.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Gate results as a run would produce them, for report tests that must not depend on a Node run. */
final class SampleResults {

    private SampleResults() {
    }

    /** A run that found one leak of {@code constructor} objects, stored at server.js:22, with a symptom of strings. */
    static GateResult leak(String constructor) {
        Leak leak = SampleLeaks.leak(constructor, 1.0, Judgement.LEAK, SampleLeaks.storedAt(22),
                SampleLeaks.finding("(string)", Shape.COUNT, 1.0, Judgement.LEAK));
        return new GateResult(Verdict.LEAK, "1 leak: server.js:22:12 " + leak.title(), List.of(leak),
                List.of(phase("warm-up"), phase("round 1")), List.of(new SnapshotInfo("baseline", 40_000, 4_000_000)),
                timeline(), List.of("listening <on> 3000"), "v20.0.0", Instant.parse("2026-01-02T03:04:05Z"), Duration.ofSeconds(4),
                List.of(), List.of(new Setting("script", "server<1>.js"), new Setting("rounds", "3")));
    }

    static GateResult pass() {
        return new GateResult(Verdict.PASS, "No constructor grew", List.of(), List.of(phase("warm-up")), List.of(),
                HeapTimeline.empty(), List.of(), "v20.0.0", Instant.parse("2026-01-02T03:04:05Z"), Duration.ofSeconds(4),
                List.of(), List.of());
    }

    private static HeapTimeline timeline() {
        return new HeapTimeline(
                List.of(new HeapTimeline.Sample(0, 4_000_000), new HeapTimeline.Sample(250, 4_400_000),
                        new HeapTimeline.Sample(500, 4_100_000)),
                List.of(new HeapTimeline.Mark(0, HeapTimeline.MarkKind.PHASE, "warm-up <1>"),
                        new HeapTimeline.Mark(400, HeapTimeline.MarkKind.GC, "GC"),
                        new HeapTimeline.Mark(420, HeapTimeline.MarkKind.SNAPSHOT, "snapshot baseline")));
    }

    /** A passing run in which V8's compiled code grew: reported, not failing. */
    static GateResult passWithEngineGrowth() {
        Leak compiled = SampleLeaks.leak("(compiled code)", 0.1, Judgement.ENGINE_INTERNAL, LeakOrigin.UNKNOWN);
        return new GateResult(Verdict.PASS, "Nothing grew", List.of(compiled), List.of(phase("warm-up")), List.of(),
                HeapTimeline.empty(), List.of(), "v20.0.0", Instant.parse("2026-01-02T03:04:05Z"), Duration.ofSeconds(4),
                List.of(), List.of());
    }

    private static PhaseResult phase(String name) {
        return new PhaseResult(name, 1000, 2, Map.of(200, 998L, 503, 2L), Map.of(), Duration.ofMillis(500), 2000,
                new Latency(0.5, 0.9, 2.0, 3.0, 4.0), 120_000, LatencyHistogram.empty());
    }
}
