package dev.leakgate.cli;

import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.LeakLocator;
import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.analysis.ScriptCatalog;
import dev.leakgate.analysis.SeriesAnalyzer;
import dev.leakgate.analysis.SnapshotSeries;
import dev.leakgate.analysis.SourceProbe;
import dev.leakgate.report.LeaksTable;
import dev.leakgate.report.ReportWriter;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.HeapTimeline;
import dev.leakgate.result.Setting;
import dev.leakgate.result.SnapshotInfo;
import dev.leakgate.result.Verdict;
import dev.leakgate.result.Verdicts;
import dev.leakgate.settings.Parameters;
import dev.leakgate.snapshot.HeapSnapshot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compare S0 S1 [S2...]}: the gate's analysis and reports for snapshot files one process wrote
 * elsewhere (production, staging), oldest first (read by {@link SnapshotSeriesFiles}).
 */
final class CompareCommand implements Command {

    private static final long MB = 1024 * 1024;

    private final SnapshotSeriesFiles seriesFiles = new SnapshotSeriesFiles();

    @Override
    public String usage() {
        return "compare S0 S1 [S2...] [--requests-per-round N] [--out DIR]";
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        List<Path> files = arguments.positional().stream().map(Path::of).toList();
        int requestsPerRound = arguments.intOption("requests-per-round", Parameters.DEFAULT_REQUESTS_PER_ROUND);
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
            SnapshotSeries series = seriesFiles.read(files);
            LeakThresholds thresholds = LeakThresholds.defaults();
            ScriptCatalog scripts = scriptsOf(series.last());
            List<Leak> leaks = located(new SeriesAnalyzer(thresholds, scripts)
                    .analyze(series.censuses(), series.last(), requestsPerRound), series, scripts);
            GateResult result = result(leaks, series, requestsPerRound, thresholds, started);
            Path report = new ReportWriter().writeAll(result, outputDirectory);
            out.println(result.verdict() + ": " + result.reason());
            new LeaksTable(20).render(leaks).forEach(out::println);
            out.println("Report: " + report.toAbsolutePath());
            return result.verdict() == Verdict.LEAK ? Main.LEAK : Main.PASS;
        } catch (IOException e) {
            err.println("leakgate compare: " + e.getMessage());
            return Main.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("leakgate compare: interrupted");
            return Main.ERROR;
        } catch (OutOfMemoryError e) {
            if (SizedJvm.isSizedJvm()) {
                return SizedJvm.OUT_OF_MEMORY;
            }
            err.println("leakgate compare: out of memory with a Java heap of " + Runtime.getRuntime().maxMemory() / MB
                    + " MB: run java with a larger -Xmx (1.3 times the size of the last snapshot file is plenty)");
            return Main.ERROR;
        }
    }

    /**
     * Where the failing leaks come from, as far as the last file tells: its objects made since the first file carry
     * their allocation stacks when it was taken while V8 tracked allocations. No app runs to ask about lines.
     */
    private static List<Leak> located(List<Leak> leaks, SnapshotSeries series, ScriptCatalog scripts) {
        LeakLocator locator = new LeakLocator(series.last(), scripts, SourceProbe.NONE);
        int baselineMaxId = series.censuses().get(0).maxObjectId();
        return leaks.stream().map(leak -> leak.failing() ? locator.locate(leak, baselineMaxId, List.of()) : leak)
                .toList();
    }

    /**
     * The scripts as the heap names them, since no inspector announced them: files relative to the
     * current directory, like the gate shows them relative to the app's.
     */
    private static ScriptCatalog scriptsOf(HeapSnapshot last) {
        Map<String, String> urls = new HashMap<>();
        last.scriptNames().forEach((id, name) -> urls.put(Integer.toString(id), asUrl(name)));
        return new ScriptCatalog(urls, Path.of(""));
    }

    /** CommonJS scripts are named by their path, ES modules and Node's own scripts by a URL. */
    private static String asUrl(String scriptName) {
        try {
            Path path = Path.of(scriptName);
            return path.isAbsolute() ? path.toUri().toString() : scriptName;
        } catch (InvalidPathException notAPath) {
            return scriptName;
        }
    }

    private static GateResult result(List<Leak> leaks, SnapshotSeries series, int requestsPerRound,
                                     LeakThresholds thresholds, Instant started) {
        Verdict verdict = Verdicts.verdictOf(leaks);
        String reason = Verdicts.explainSeries(leaks, series.censuses().size() - 1, requestsPerRound,
                thresholds.maxObjectsPerRequest());
        List<SnapshotInfo> snapshots = series.censuses().stream().map(SnapshotInfo::of).toList();
        return new GateResult(verdict, reason, leaks, List.of(), snapshots, HeapTimeline.empty(), List.of(), null,
                started, Duration.between(started, Instant.now()), series.comparison().rows(),
                List.of(new Setting("requestsPerRound", Integer.toString(requestsPerRound)),
                        new Setting("maxObjectsPerRequest", Double.toString(thresholds.maxObjectsPerRequest())),
                        new Setting("maxBytesPerRequest", Double.toString(thresholds.maxBytesPerRequest()))));
    }
}
