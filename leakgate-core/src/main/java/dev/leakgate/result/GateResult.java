package dev.leakgate.result;

import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.SeriesAnalyzer;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.snapshot.ComparisonRow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a run measured and decided; what the reports are written from. Runs that end early
 * (crash, error, timeout) carry whatever was measured up to that point.
 *
 * @param reason     the verdict in one sentence a developer can act on
 * @param leaks      one per cause, failing ones first, most severe first; a PASS may carry leaks that do not fail
 *                   (growth within the baseline, V8's own bookkeeping); empty when the run ended before the analysis
 * @param phases     the load phases that ran: warm-up, the rounds, then the diagnosis of a leak
 * @param heapTimeline heap used over the run, empty when no app was measured
 * @param appLogTail the app's last output lines, for crashes and start-up failures
 * @param comparison the DevTools Comparison view from the baseline to the last snapshot; empty when not made
 * @param settings   the parameters the run used, for the report; empty when it never started
 */
public record GateResult(Verdict verdict, String reason, List<Leak> leaks, List<PhaseResult> phases,
                         List<SnapshotInfo> snapshots, HeapTimeline heapTimeline, List<String> appLogTail,
                         String nodeVersion, Instant startedAt, Duration duration, List<ComparisonRow> comparison,
                         List<Setting> settings) {

    public GateResult {
        leaks = List.copyOf(leaks);
        phases = List.copyOf(phases);
        snapshots = List.copyOf(snapshots);
        appLogTail = List.copyOf(appLogTail);
        comparison = List.copyOf(comparison);
        settings = List.copyOf(settings);
    }

    /** Every leak's findings in one list: the most severe leak first, each cause before its symptoms. */
    public List<Finding> findings() {
        return SeriesAnalyzer.findingsOf(leaks);
    }

    /** The leaks that fail the build. */
    public List<Leak> failingLeaks() {
        return leaks.stream().filter(Leak::failing).toList();
    }

    /** A run that never started, e.g. because of a bad parameter. */
    public static GateResult notStarted(String reason, Instant now) {
        return new GateResult(Verdict.ERROR, reason, List.of(), List.of(), List.of(), HeapTimeline.empty(), List.of(),
                null, now, Duration.ZERO, List.of(), List.of());
    }
}
