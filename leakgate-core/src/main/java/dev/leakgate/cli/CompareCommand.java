package dev.leakgate.cli;

import dev.leakgate.analysis.Census;
import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.analysis.ScriptCatalog;
import dev.leakgate.analysis.SeriesAnalyzer;
import dev.leakgate.gate.GateResult;
import dev.leakgate.gate.HeapTimeline;
import dev.leakgate.gate.SnapshotInfo;
import dev.leakgate.gate.Verdict;
import dev.leakgate.gate.Verdicts;
import dev.leakgate.report.FindingsTable;
import dev.leakgate.report.ReportWriter;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.ReadMode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code compare S0 S1 [S2...]}: the gate's analysis and reports for snapshot files one process wrote
 * elsewhere (production, staging), oldest first.
 */
final class CompareCommand implements Command {

    private static final int DEFAULT_REQUESTS_PER_ROUND = 2000;

    private final HeapSnapshotReader reader = new HeapSnapshotReader();

    @Override
    public String usage() {
        return "compare S0 S1 [S2...] [--requests-per-round N] [--out DIR]";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        List<Path> files = arguments.positional().stream().map(Path::of).toList();
        int requestsPerRound = arguments.intOption("requests-per-round", DEFAULT_REQUESTS_PER_ROUND);
        Path outputDirectory = Path.of(arguments.option("out").orElse("leakgate-report"));
        arguments.rejectUnknown();
        if (files.size() < 2) {
            throw new UsageException("needs at least two snapshot files of one process, oldest first");
        }
        if (requestsPerRound < 1) {
            throw new UsageException("--requests-per-round must be at least 1");
        }
        Instant started = Instant.now();
        try {
            List<Census> series = new ArrayList<>();
            HeapSnapshot last = null;
            for (Path file : files) {
                // Each graph is dropped once counted, but for the last one's, which the findings are traced in.
                last = reader.read(file, ReadMode.GRAPH);
                series.add(Census.of(file.getFileName().toString(), last));
            }
            LeakThresholds thresholds = LeakThresholds.defaults();
            List<Finding> findings = new SeriesAnalyzer(thresholds, ScriptCatalog.empty(Path.of("")))
                    .analyze(series, last, requestsPerRound);
            GateResult result = result(findings, series, requestsPerRound, thresholds, started);
            Path report = new ReportWriter().writeAll(result, outputDirectory);
            out.println(result.verdict() + ": " + result.reason());
            new FindingsTable(20).render(findings).forEach(out::println);
            out.println("Report: " + report.toAbsolutePath());
            return result.verdict() == Verdict.LEAK ? Main.LEAK : Main.PASS;
        } catch (IOException e) {
            err.println("leakgate compare: " + e.getMessage());
            return Main.ERROR;
        }
    }

    private static GateResult result(List<Finding> findings, List<Census> series, int requestsPerRound,
                                     LeakThresholds thresholds, Instant started) {
        Verdict verdict = findings.stream().anyMatch(Finding::failing) ? Verdict.LEAK : Verdict.PASS;
        String reason = Verdicts.explainSeries(findings, series.size() - 1, requestsPerRound,
                thresholds.maxObjectsPerRequest());
        List<SnapshotInfo> snapshots = series.stream().map(SnapshotInfo::of).toList();
        return new GateResult(verdict, reason, findings, List.of(), snapshots, HeapTimeline.empty(), List.of(), null,
                started,
                Duration.between(started, Instant.now()));
    }
}
