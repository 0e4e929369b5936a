package dev.leakgate.cli;

import dev.leakgate.analysis.Census;
import dev.leakgate.analysis.Finding;
import dev.leakgate.analysis.LeakThresholds;
import dev.leakgate.analysis.ScriptCatalog;
import dev.leakgate.analysis.SeriesAnalyzer;
import dev.leakgate.concurrent.TaskFailure;
import dev.leakgate.gate.GateResult;
import dev.leakgate.gate.HeapTimeline;
import dev.leakgate.gate.Setting;
import dev.leakgate.gate.SnapshotInfo;
import dev.leakgate.gate.Verdict;
import dev.leakgate.gate.Verdicts;
import dev.leakgate.report.FindingsTable;
import dev.leakgate.report.ReportWriter;
import dev.leakgate.snapshot.Comparison;
import dev.leakgate.snapshot.DifferentProcessesException;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.ObjectIds;
import dev.leakgate.snapshot.ReadMode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * {@code compare S0 S1 [S2...]}: the gate's analysis and reports for snapshot files one process wrote
 * elsewhere (production, staging), oldest first. Only the last snapshot is held as a graph; the
 * others are reduced to their census as they are read, the baseline also to its object ids until
 * the last one is compared with it.
 */
final class CompareCommand implements Command {

    private static final int DEFAULT_REQUESTS_PER_ROUND = 2000;
    private static final int PARALLEL_READS = 2;
    private static final long MB = 1024 * 1024;

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
            Series series = read(files);
            LeakThresholds thresholds = LeakThresholds.defaults();
            List<Finding> findings = new SeriesAnalyzer(thresholds, scriptsOf(series.last()))
                    .analyze(series.censuses(), series.last(), requestsPerRound);
            GateResult result = result(findings, series, requestsPerRound, thresholds, started);
            Path report = new ReportWriter().writeAll(result, outputDirectory);
            out.println(result.verdict() + ": " + result.reason());
            new FindingsTable(20).render(findings).forEach(out::println);
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
            err.println("leakgate compare: out of memory with a Java heap of " + Runtime.getRuntime().maxMemory() / MB
                    + " MB: run java with a larger -Xmx (1.3 times the size of the last snapshot file is plenty)");
            return Main.ERROR;
        }
    }

    /**
     * Reads the files, refusing any that is not a later snapshot of the baseline's process. The
     * snapshots before the last are reduced to their census, two at a time on their own threads
     * (two keep both cores busy and the memory bounded); the last is read as a graph once they are
     * done. The baseline's object ids are dropped once the last one is compared with them.
     */
    private Series read(List<Path> files) throws IOException, InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(PARALLEL_READS, daemonThreads());
        try {
            List<Path> earlier = files.subList(0, files.size() - 1);
            // Futures of the executor, not CompletableFutures: a task that runs out of memory still completes
            // them with its error, where completing a CompletableFuture exceptionally needs memory of its own.
            Future<Baseline> baseline = threads.submit(() -> readBaseline(earlier.get(0)));
            List<Future<Census>> intermediates = new ArrayList<>();
            for (Path file : earlier.subList(1, earlier.size())) {
                intermediates.add(threads.submit(() -> readIntermediate(file, baseline)));
            }
            List<Census> censuses = new ArrayList<>();
            censuses.add(await(baseline).census());
            for (Future<Census> intermediate : intermediates) {
                censuses.add(await(intermediate));
            }
            Path lastFile = files.get(files.size() - 1);
            HeapSnapshot last = reader.read(lastFile, ReadMode.GRAPH);
            Comparison comparison = await(baseline).compareWith(last);
            // Before the census, which keeps the owned-reference counts: the peak stays lower.
            last.prepareRetainedSizes();
            censuses.add(Census.of(label(lastFile), last));
            return new Series(censuses, last, comparison);
        } finally {
            threads.shutdownNow();
        }
    }

    private Baseline readBaseline(Path file) throws IOException {
        HeapSnapshot snapshot = reader.read(file, ReadMode.SUMMARY);
        return new Baseline(Census.of(label(file), snapshot), ObjectIds.of(snapshot));
    }

    private Census readIntermediate(Path file, Future<Baseline> baseline) throws IOException, InterruptedException {
        HeapSnapshot snapshot = reader.read(file, ReadMode.SUMMARY);
        await(baseline).ids().requireSameProcess(snapshot);
        return Census.of(label(file), snapshot);
    }

    /** The result of a read on another thread; its failure as what it was thrown as. */
    private static <T> T await(Future<T> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw TaskFailure.rethrown(e);
        }
    }

    private static ThreadFactory daemonThreads() {
        return task -> {
            Thread thread = new Thread(task, "leakgate snapshot reader");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** What is kept of the first snapshot: its census, and its object ids to check and compare the others with. */
    private static final class Baseline {

        private final Census census;
        private ObjectIds ids;

        Baseline(Census census, ObjectIds ids) {
            this.census = census;
            this.ids = ids;
        }

        Census census() {
            return census;
        }

        ObjectIds ids() {
            return ids;
        }

        /**
         * Checks the last snapshot and compares it with the baseline, then lets go of the baseline's ids:
         * they take about as much memory as the last snapshot's census needs next.
         */
        Comparison compareWith(HeapSnapshot last) throws DifferentProcessesException {
            ObjectIds baselineIds = ids;
            ids = null;
            baselineIds.requireSameProcess(last);
            return Comparison.between(baselineIds, last);
        }
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

    private static String label(Path file) {
        return file.getFileName().toString();
    }

    /** What the analysis needs of the files: every census, the last snapshot's graph, the baseline compared with it. */
    private record Series(List<Census> censuses, HeapSnapshot last, Comparison comparison) {}

    private static GateResult result(List<Finding> findings, Series series, int requestsPerRound,
                                     LeakThresholds thresholds, Instant started) {
        Verdict verdict = Verdicts.verdictOf(findings);
        String reason = Verdicts.explainSeries(findings, series.censuses().size() - 1, requestsPerRound,
                thresholds.maxObjectsPerRequest());
        List<SnapshotInfo> snapshots = series.censuses().stream().map(SnapshotInfo::of).toList();
        return new GateResult(verdict, reason, findings, List.of(), snapshots, HeapTimeline.empty(), List.of(), null,
                started, Duration.between(started, Instant.now()), series.comparison().rows(),
                List.of(new Setting("requestsPerRound", Integer.toString(requestsPerRound)),
                        new Setting("maxObjectsPerRequest", Double.toString(thresholds.maxObjectsPerRequest())),
                        new Setting("maxBytesPerRequest", Double.toString(thresholds.maxBytesPerRequest()))));
    }
}
