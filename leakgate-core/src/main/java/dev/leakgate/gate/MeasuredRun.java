package dev.leakgate.gate;

import dev.leakgate.analysis.Census;
import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.ScriptCatalog;
import dev.leakgate.analysis.SeriesAnalyzer;
import dev.leakgate.analysis.SnapshotSeries;
import dev.leakgate.inspector.InspectorSession;
import dev.leakgate.load.LoadGenerator;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.load.SetupFailedException;
import dev.leakgate.process.LastWords;
import dev.leakgate.process.RunningApp;
import dev.leakgate.result.HeapTimeline;
import dev.leakgate.result.Verdict;
import dev.leakgate.result.Verdicts;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.HeapSummary;
import dev.leakgate.snapshot.ReadMode;
import dev.leakgate.snapshot.SourceLocation;
import dev.leakgate.text.DurationText;
import dev.leakgate.text.NumberText;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part of a run that talks to a started app: one inspector session and one load generator for the
 * whole series, both closed before the app is stopped (Node waits for its debugger otherwise).
 */
final class MeasuredRun {

    /** Bound for a single CDP call; a full GC of a big heap takes seconds, not minutes. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);
    /** How long a dying app gets to exit before a failure is blamed on something else. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(3);

    private final GateConfig config;
    private final RunningApp app;
    private final Console console;
    private final Clock clock;
    private final Measurements measured;
    private final RunWatchdog watchdog;
    private final Instant started;
    private final SnapshotCapture capture;
    private Duration lastSnapshotTime = Duration.ZERO;

    MeasuredRun(GateConfig config, RunningApp app, HeapSnapshotReader reader, Console console, Clock clock,
                Measurements measured, RunWatchdog watchdog, Instant started) {
        this.config = config;
        this.app = app;
        this.console = console;
        this.clock = clock;
        this.measured = measured;
        this.watchdog = watchdog;
        this.started = started;
        this.capture = new SnapshotCapture(config, reader, measured);
    }

    List<Leak> measure() throws RunStopped {
        try (InspectorSession session = InspectorSession.connect(app.inspectorUrl(), CALL_TIMEOUT);
             LoadGenerator load = new LoadGenerator(app.baseUrl(), config.requests(), config.setupRequests(),
                     config.cookies(), System.getenv(), config.connections(), config.requestTimeout(), config.rate())) {
            // A script that ends or calls process.exit() would otherwise hang on "Waiting for the debugger".
            app.onWaitingForDebugger(session::close);
            return measure(session, load);
        } catch (IOException | InterruptedException e) {
            throw explainBrokenRun(e);
        }
    }

    private List<Leak> measure(InspectorSession session, LoadGenerator load)
            throws IOException, InterruptedException, RunStopped {
        session.enableDomains();
        if (config.measureWorkers()) {
            session.attachToWorkers();
        }
        measured.nodeVersion(session.evaluate("process.version"));
        try (HeapSampler heap = new HeapSampler(session, clock)) {
            try {
                return measure(session, load, heap);
            } finally {
                measured.heapTimeline(heap.timeline());
            }
        }
    }

    private List<Leak> measure(InspectorSession session, LoadGenerator load, HeapSampler heap)
            throws IOException, InterruptedException, RunStopped {
        WorkerThreads workers = new WorkerThreads(config, session, capture, console, clock);
        try {
            List<Leak> leaks = new ArrayList<>(measureMainThread(session, load, heap, workers));
            leaks.addAll(workers.leaks(load, config.launch().workingDirectory()));
            // Failing leaks first, whichever thread they are in; each thread's order kept.
            leaks.sort(Comparator.comparing(leak -> !leak.failing()));
            return leaks;
        } finally {
            workers.close();
        }
    }

    private List<Leak> measureMainThread(InspectorSession session, LoadGenerator load, HeapSampler heap,
                                         WorkerThreads workers) throws IOException, InterruptedException, RunStopped {
        setUp(load);
        if (config.warmupRequests() > 0) {
            runPhase("warm-up", config.warmupRequests(), load, heap);
        }
        SnapshotSeries series = SnapshotSeries.ofTheMeasuredApp();
        counted(series.addBaseline("baseline", snapshot(0, "baseline", ReadMode.SUMMARY, session, heap)));
        workers.baseline();
        for (int round = 1; round <= config.rounds(); round++) {
            runPhase("round " + round, config.requestsPerRound(), load, heap);
            String label = "round " + round;
            // Only the last one is kept with its graph, for retainer paths and retained sizes.
            counted(round < config.rounds()
                    ? series.add(series.censusOf(label, snapshot(round, label, ReadMode.SUMMARY, session, heap)))
                    : series.addLast(label, snapshot(round, label, ReadMode.GRAPH, session, heap)));
            workers.round(round, round == config.rounds());
        }
        measured.startPhase("analysis");
        measured.comparison(series.comparison().rows());
        HeapSnapshot last = series.last();
        series.releaseLast();
        ScriptCatalog scripts = new ScriptCatalog(session.scriptUrls(), config.launch().workingDirectory());
        List<Leak> leaks = new SeriesAnalyzer(config.thresholds(), scripts)
                .analyze(series.censuses(), last, config.requestsPerRound());
        if (config.showStringValues()) {
            leaks = StringSamples.attach(leaks, last, series.censuses().get(0).maxObjectId());
        }
        if (leaks.stream().noneMatch(Leak::failing)) {
            return leaks;
        }
        Duration runSoFar = Duration.between(started, clock.instant());
        Set<SourceLocation> appFunctions = last.functionLocations(LeakDiagnosis.appScripts(session.scriptUrls())
                .stream().map(Integer::valueOf).collect(Collectors.toSet()));
        last = null; // the diagnosis reads a graph of its own: one is enough in memory
        List<Leak> diagnosed = new LeakDiagnosis(config, session, load, capture, console, measured, watchdog, heap, clock)
                .diagnose(leaks, scripts, appFunctions, runSoFar, lastSnapshotTime);
        console.info("Diagnosis took " + DurationText.of(Duration.between(started, clock.instant()).minus(runSoFar))
                + ", after " + DurationText.of(runSoFar) + " up to the verdict");
        return diagnosed;
    }

    /** The setup requests on every connection, before anything is measured. */
    private void setUp(LoadGenerator load) throws InterruptedException, RunStopped {
        if (config.setupRequests().isEmpty()) {
            return;
        }
        measured.startPhase("setup");
        try {
            load.setUp();
        } catch (SetupFailedException e) {
            throw new RunStopped(Verdict.ERROR, e.getMessage() + ": the run needs what it sets up. Check "
                    + "setupRequests (and cookies, if the app keeps a session)", app.lastLines());
        }
        console.info("setup: " + config.setupRequests().size() + " request" + (config.setupRequests().size() == 1
                ? "" : "s") + " on each of " + config.connections() + " connections");
    }

    private void runPhase(String phase, int requests, LoadGenerator load, HeapSampler heap)
            throws InterruptedException, RunStopped {
        measured.startPhase(phase);
        heap.mark(HeapTimeline.MarkKind.PHASE, phase);
        PhaseResult result = load.run(phase, requests, new PhaseProgressLog(console, heap));
        measured.add(result);
        console.info(Verdicts.describePhase(result));
        if (result.failed() > 0 && app.awaitExit(result.errorRatePercent() > config.maxErrorRate()
                ? EXIT_GRACE : Duration.ZERO)) {
            throw crashed(" after " + NumberText.count(answered(result)) + " of " + NumberText.count(requests)
                    + " requests");
        }
        if (result.errorRatePercent() > config.maxErrorRate()) {
            throw new RunStopped(Verdict.ERROR, Verdicts.explainFailingRequests(result, config.maxErrorRate()),
                    app.lastLines());
        }
    }

    private void counted(Census census) {
        measured.add(census);
        console.info("Snapshot " + census.label() + ": " + NumberText.count(census.nodeCount()) + " objects, "
                + NumberText.bytes(census.totalSize()) + " in " + DurationText.of(lastSnapshotTime));
    }

    /** Takes and reads one snapshot. */
    private <S extends HeapSummary> S snapshot(int index, String label, ReadMode<S> mode, InspectorSession session,
                                               HeapSampler heap) throws IOException, InterruptedException {
        measured.startPhase("snapshot " + label);
        Path file = capture.file("s" + index + "-" + label.replace(' ', '-'));
        Instant start = clock.instant();
        heap.mark(HeapTimeline.MarkKind.GC, "GC");
        session.collectGarbage();
        heap.mark(HeapTimeline.MarkKind.SNAPSHOT, "snapshot " + label);
        S snapshot = capture.read(file, mode, out -> session.takeHeapSnapshot(out, config.timeout()));
        lastSnapshotTime = Duration.between(start, clock.instant());
        return snapshot;
    }

    private RunStopped explainBrokenRun(Exception cause) {
        if (watchdog.fired()) {
            return watchdog.timedOut(measured.currentPhase(), app.lastLines());
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RunStopped(Verdict.ERROR, "interrupted during " + measured.currentPhase(), app.lastLines());
        }
        if (exited(EXIT_GRACE)) {
            return crashed("");
        }
        return new RunStopped(Verdict.ERROR, "failed during " + measured.currentPhase() + ": " + cause.getMessage(),
                app.lastLines());
    }

    private boolean exited(Duration grace) {
        try {
            return app.awaitExit(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !app.isAlive();
        }
    }

    /** @param progress how far the phase got, e.g. " after 1,203 of 2,000 requests", or empty */
    private RunStopped crashed(String progress) {
        List<String> lines = app.lastLines();
        String lastWords = LastWords.of(lines).map(line -> " Last output: " + line).orElse("");
        return new RunStopped(Verdict.CRASH, "the app " + app.describeExit() + " during " + measured.currentPhase()
                + progress + "." + lastWords, Gate.tail(lines));
    }

    /** Requests that got any answer: the ones the app served before it died. */
    private static long answered(PhaseResult result) {
        return result.statusCounts().values().stream().mapToLong(Long::longValue).sum();
    }
}
