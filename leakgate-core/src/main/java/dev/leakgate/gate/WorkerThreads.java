package dev.leakgate.gate;

import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.LeakLocator;
import dev.leakgate.analysis.ScriptCatalog;
import dev.leakgate.analysis.SeriesAnalyzer;
import dev.leakgate.analysis.SnapshotSeries;
import dev.leakgate.inspector.InspectorSession;
import dev.leakgate.inspector.WorkerTarget;
import dev.leakgate.load.LoadGenerator;
import dev.leakgate.load.LoadProgress;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.result.Verdicts;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.ReadMode;
import dev.leakgate.text.DurationText;
import dev.leakgate.text.NumberText;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The app's {@code worker_threads} workers, measured like the main thread: each worker alive at the baseline gets a
 * series of its own (a garbage collection and a snapshot at the baseline and after every round, through the
 * {@code NodeWorker} domain of the run's one inspector session), analysed on its own, and its failing leaks located
 * in its own code by a short run with allocation tracking in the worker. A worker that starts after the baseline has
 * no baseline to compare with and is not measured; one that ends before the last round is dropped, and both are said.
 */
final class WorkerThreads {

    private static final Duration MARK_TIMEOUT = Duration.ofSeconds(10);
    /** Requests of the worker's diagnosis: enough objects for a clear stack, few enough for a tracked worker. */
    private static final int DIAGNOSIS_REQUESTS = 200;

    private final GateConfig config;
    private final InspectorSession session;
    private final SnapshotCapture capture;
    private final Console console;
    private final Clock clock;
    private final List<Worker> workers = new ArrayList<>();

    /** One worker's session and series. */
    private static final class Worker {

        final WorkerTarget target;
        final InspectorSession session;
        final SnapshotSeries series = SnapshotSeries.ofTheMeasuredApp();
        final String name;
        boolean ended;

        Worker(WorkerTarget target, InspectorSession session) {
            this.target = target;
            this.session = session;
            this.name = "worker " + target.order() + ": " + scriptName(target);
        }
    }

    WorkerThreads(GateConfig config, InspectorSession session, SnapshotCapture capture, Console console, Clock clock) {
        this.config = config;
        this.session = session;
        this.capture = capture;
        this.console = console;
        this.clock = clock;
    }

    /** Takes every running worker's baseline; the workers then are the ones measured. */
    void baseline() throws InterruptedException {
        for (WorkerTarget target : session.workers()) {
            try {
                InspectorSession workerSession = session.workerSession(target);
                workerSession.enableDomains();
                Worker worker = new Worker(target, workerSession);
                worker.series.addBaseline("baseline", snapshot(worker, 0, "baseline", ReadMode.SUMMARY));
                workers.add(worker);
                console.info("Measuring " + worker.name + " too");
            } catch (IOException e) {
                console.warn("Cannot measure the worker " + target.title() + ": " + e.getMessage());
            }
        }
    }

    /** After a round: a snapshot of every worker still measured, the last one with its graph. */
    void round(int round, boolean last) throws InterruptedException {
        for (Worker worker : workers) {
            if (worker.ended) {
                continue;
            }
            String label = "round " + round;
            try {
                if (last) {
                    worker.series.addLast(label, snapshot(worker, round, label, ReadMode.GRAPH));
                } else {
                    worker.series.add(worker.series.censusOf(label, snapshot(worker, round, label, ReadMode.SUMMARY)));
                }
            } catch (IOException e) {
                worker.ended = true;
                console.warn(worker.name + " ended during " + label + ", so it is not judged: " + e.getMessage());
            }
        }
        List<WorkerTarget> now = session.workers();
        if (round == 1 && now.size() > workers.size()) {
            console.info((now.size() - workers.size()) + " worker(s) started after the baseline: not measured, "
                    + "having no baseline to compare with");
        }
    }

    /** Every measured worker's leaks, the failing ones located in the worker's code. */
    List<Leak> leaks(LoadGenerator load, Path workingDirectory) throws InterruptedException {
        List<Leak> leaks = new ArrayList<>();
        for (Worker worker : workers) {
            if (worker.ended || worker.series.last() == null) {
                continue;
            }
            try {
                ScriptCatalog scripts = new ScriptCatalog(worker.session.scriptUrls(), workingDirectory);
                HeapSnapshot last = worker.series.last();
                worker.series.releaseLast();
                List<Leak> found = new SeriesAnalyzer(config.thresholds(), scripts)
                        .analyze(worker.series.censuses(), last, config.requestsPerRound());
                last = null; // the diagnosis reads a graph of its own: one is enough in memory
                if (found.stream().anyMatch(Leak::failing)) {
                    found = located(worker, found, scripts, load);
                }
                found.forEach(leak -> leaks.add(leak.onThread(worker.name)));
            } catch (IOException e) {
                console.warn(worker.name + " could not be analysed: " + e.getMessage());
            }
        }
        return leaks;
    }

    /** Closes the workers' sessions. */
    void close() {
        workers.forEach(worker -> worker.session.close());
    }

    /** Tracks allocations in the worker while the mix runs a little longer, and reads where the objects come from. */
    private List<Leak> located(Worker worker, List<Leak> leaks, ScriptCatalog scripts, LoadGenerator load)
            throws IOException, InterruptedException {
        Instant started = clock.instant();
        console.info("Diagnosis of " + worker.name + ": tracking allocations in the worker while "
                + DIAGNOSIS_REQUESTS + " more requests run, to find where its leak comes from");
        worker.session.startTrackingAllocations();
        int firstId = worker.session.awaitObjectIdMark(MARK_TIMEOUT);
        PhaseResult result = load.run("diagnosis " + worker.name, DIAGNOSIS_REQUESTS, LoadProgress.NONE);
        console.info(Verdicts.describePhase(result));
        HeapSnapshot traced = capture.read(capture.file("s" + (config.rounds() + 1) + "-diagnosis-worker-"
                + worker.target.order()), ReadMode.GRAPH, out -> worker.session.stopTrackingAllocations(out,
                config.timeout()));
        // The worker's own sources name the statement that stores what leaks, as on the main thread.
        Map<String, String> scriptUrls = worker.session.enableDebugger();
        try {
            worker.session.onPause(pause -> { }); // resumed at once: nothing may hold the worker up meanwhile
            Set<Integer> appScripts = LeakDiagnosis.appScripts(scriptUrls).stream().map(Integer::valueOf)
                    .collect(Collectors.toSet());
            ScriptPlaces places = new ScriptPlaces(worker.session, traced.functionLocations(appScripts));
            LeakLocator locator = new LeakLocator(traced, scripts,
                    new InspectorSourceProbe(worker.session, load, scriptUrls, places));
            List<Leak> located = new ArrayList<>();
            for (Leak leak : leaks) {
                located.add(leak.failing() ? locator.locate(leak, firstId, List.of()) : leak);
            }
            console.info("Diagnosis of " + worker.name + " took " + DurationText.of(Duration.between(started,
                    clock.instant())));
            return located;
        } finally {
            worker.session.onPause(null);
            worker.session.disableDebugger();
        }
    }

    private <S extends dev.leakgate.snapshot.HeapSummary> S snapshot(Worker worker, int index, String label,
                                                                      ReadMode<S> mode)
            throws IOException, InterruptedException {
        worker.session.collectGarbage();
        S snapshot = capture.read(capture.file("s" + index + "-" + label.replace(' ', '-') + "-worker-"
                + worker.target.order()), mode, out -> worker.session.takeHeapSnapshot(out, config.timeout()));
        console.info("Snapshot " + label + " of " + worker.name + ": " + NumberText.count(snapshot.nodeCount())
                + " objects");
        return snapshot;
    }

    /** {@code render.js} of {@code file:///srv/app/render.js}: the name a developer knows the worker by. */
    private static String scriptName(WorkerTarget target) {
        String url = target.url().isEmpty() ? target.title() : target.url();
        try {
            String path = URI.create(url).getPath();
            if (path != null && !path.isEmpty()) {
                return Path.of(path).getFileName().toString();
            }
        } catch (IllegalArgumentException notAUrl) {
            // a title, or an eval'd worker: shown as Node names it
        }
        return url;
    }
}
