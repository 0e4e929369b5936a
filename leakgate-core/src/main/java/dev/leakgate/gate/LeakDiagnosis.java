package dev.leakgate.gate;

import dev.leakgate.analysis.Leak;
import dev.leakgate.analysis.LeakLocator.RequestWindow;
import dev.leakgate.analysis.LeakLocator;
import dev.leakgate.analysis.LeakOrigin;
import dev.leakgate.analysis.ScriptCatalog;
import dev.leakgate.analysis.StackFrame;
import dev.leakgate.inspector.BreakLocation;
import dev.leakgate.inspector.InspectorException;
import dev.leakgate.inspector.InspectorSession;
import dev.leakgate.load.LoadGenerator;
import dev.leakgate.load.LoadProgress;
import dev.leakgate.load.PhaseResult;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.result.HeapTimeline;
import dev.leakgate.result.Verdicts;
import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.ReadMode;
import dev.leakgate.snapshot.SourceLocation;
import dev.leakgate.text.DurationText;
import dev.leakgate.text.NumberText;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each failing leak comes from, found after the verdict in a short extra run. V8 tracks allocations meanwhile,
 * which records the exact stack of every object but slows allocation down severalfold, so the measured rounds run
 * without it; here it runs for a few requests only:
 * <ol>
 *   <li>the app's own functions are kept from being optimized (see {@link #keepUnoptimized}), so that no stack skips
 *       one inlined into another;</li>
 *   <li>each distinct request of the mix is sent alone, between two object id marks, so that the ids of a leak's new
 *       objects tell which request made them;</li>
 *   <li>tracking stops with a snapshot, whose new objects carry their allocation stacks;</li>
 *   <li>{@link LeakLocator} reads each leak's origin off them, asking the app (with the Debugger on for a moment)
 *       for the exact line where a stack names only a function.</li>
 * </ol>
 * It aims at half the time the run took up to the verdict: the request windows get what is left of that once the
 * snapshot (about one and a half times the last round's) and the id marks (each a full GC) are counted. A big heap
 * served by few requests can take longer than that on the snapshot alone; the windows are then their shortest. It
 * never changes the verdict: when it fails, the leaks are reported without their origin, saying why.
 */
final class LeakDiagnosis {

    /** Objects of the slowest leak each request should leave: enough for a dominant stack and a rate. */
    static final int OBJECTS_WANTED = 20;
    static final int MIN_REQUESTS = 20;
    /** The diagnosis takes at most this share of the run's time so far. */
    static final double SHARE_OF_RUN = 0.5;
    /** A full GC comes before every mark: seconds on a big heap. */
    private static final Duration MARK_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHORTEST_WINDOW = Duration.ofMillis(300);
    /** Breakpoints set to keep the app's functions unoptimized: a bundle of a whole app may have more functions. */
    private static final int MAX_BREAKPOINTS = 20_000;

    private final GateConfig config;
    private final InspectorSession session;
    private final LoadGenerator load;
    private final SnapshotCapture capture;
    private final Console console;
    private final Measurements measured;
    private final RunWatchdog watchdog;
    private final HeapSampler heap;
    private final Clock clock;

    LeakDiagnosis(GateConfig config, InspectorSession session, LoadGenerator load, SnapshotCapture capture,
                  Console console, Measurements measured, RunWatchdog watchdog, HeapSampler heap, Clock clock) {
        this.config = config;
        this.session = session;
        this.load = load;
        this.capture = capture;
        this.console = console;
        this.measured = measured;
        this.watchdog = watchdog;
        this.heap = heap;
        this.clock = clock;
    }

    /** One request of the mix, sent alone: its first position in the mix and how reports name it. */
    record MixedRequest(int index, String label) {
    }

    /**
     * @param appFunctions     where the app's functions are defined, as the last round's snapshot tells
     * @param runSoFar         how long the run has taken up to the verdict
     * @param lastSnapshotTime how long the last round's snapshot took, about what the diagnosis snapshot takes
     */
    List<Leak> diagnose(List<Leak> leaks, ScriptCatalog scripts, Collection<SourceLocation> appFunctions,
                        Duration runSoFar, Duration lastSnapshotTime) throws InterruptedException {
        measured.startPhase("diagnosis");
        heap.mark(HeapTimeline.MarkKind.PHASE, "diagnosis");
        Instant deadline = clock.instant().plus(runSoFar.multipliedBy(Math.round(SHARE_OF_RUN * 100)).dividedBy(100));
        List<MixedRequest> requests = distinct(config.requests());
        int perRequest = requestsPerWindow(leaks, requests.size());
        try {
            Map<String, String> scriptUrls = session.enableDebugger();
            try {
                session.onPause(pause -> { }); // resumed at once: nothing may hold the app up meanwhile
                ScriptPlaces places = new ScriptPlaces(session, appFunctions);
                keepUnoptimized(appScripts(scriptUrls), places);
                compaction(false);
                session.startTrackingAllocations();
                Instant marking = clock.instant();
                int firstId = session.awaitObjectIdMark(MARK_TIMEOUT);
                Duration perWindow = windowLength(deadline, lastSnapshotTime, Duration.between(marking, clock.instant()),
                        requests.size());
                console.info("Diagnosis: tracking allocations while " + (requests.size() == 1 ? "" : "each request is ")
                        + "sent alone, up to " + NumberText.count(perRequest) + " times or for "
                        + DurationText.of(perWindow) + (requests.size() == 1 ? "" : " each")
                        + ", to find where the leak comes from");
                List<RequestWindow> windows = new ArrayList<>();
                for (MixedRequest request : requests) {
                    PhaseResult result = load.runAlone("diagnosis " + request.label(), request.index(), perRequest,
                            perWindow, LoadProgress.NONE);
                    measured.add(result);
                    console.info(Verdicts.describePhase(result));
                    windows.add(new RequestWindow(request.label(), (int) result.requests(),
                            session.awaitObjectIdMark(MARK_TIMEOUT)));
                }
                HeapSnapshot traced;
                heap.mark(HeapTimeline.MarkKind.SNAPSHOT, "snapshot diagnosis");
                try {
                    traced = capture.read(capture.file("s" + (config.rounds() + 1) + "-diagnosis"), ReadMode.GRAPH,
                            out -> session.stopTrackingAllocations(out, config.timeout()));
                } finally {
                    compaction(true);
                }
                // Off and on: the inactive breakpoints go; the source probe's own must pause.
                session.disableDebugger();
                Map<String, String> scriptsNow = session.enableDebugger();
                session.setBreakpointsActive(true);
                LeakLocator locator = new LeakLocator(traced, scripts,
                        new InspectorSourceProbe(session, load, scriptsNow, places));
                List<Leak> located = new ArrayList<>();
                for (Leak leak : leaks) {
                    located.add(leak.failing() ? locator.locate(leak, firstId, windows) : leak);
                }
                return located;
            } finally {
                session.onPause(null);
                session.disableDebugger();
            }
        } catch (IOException e) { // an InspectorException too: the app died, or the inspector failed
            console.warn("The diagnosis of the leak stopped: " + e.getMessage());
            return unlocated(leaks, "Where the leak comes from was not measured: the diagnosis after the verdict "
                    + "stopped (" + e.getMessage() + ").");
        } catch (InterruptedException e) {
            if (!watchdog.fired()) {
                throw e;
            }
            Thread.interrupted(); // the verdict stands; the app is stopped on the usual path
            return unlocated(leaks, "Where the leak comes from was not measured: the run reached timeout="
                    + DurationText.of(config.timeout()) + " during the diagnosis after the verdict.");
        }
    }

    /**
     * Keeps the app's own functions from being optimized while allocations are tracked: optimized code inlines the
     * functions it calls, and a tracked stack then skips them (an object made in {@code store.create()} would seem
     * made by the request handler). A breakpoint does that: V8 never optimizes a function with one, and drops code
     * that inlined it. One at every place a function of the app's scripts returns, all of them inactive, so the app
     * never pauses. Node's and the packages' code stays optimized.
     */
    private void keepUnoptimized(List<String> appScripts, ScriptPlaces places)
            throws InspectorException, InterruptedException {
        int set = 0;
        for (String script : appScripts) {
            for (BreakLocation location : places.of(script)) {
                if (location.isReturn() && set < MAX_BREAKPOINTS) {
                    session.setBreakpoint(script, location.line(), location.column());
                    set++;
                }
            }
        }
        session.setBreakpointsActive(false);
        if (set == MAX_BREAKPOINTS) {
            console.warn("The app has more functions than leakgate keeps unoptimized during the diagnosis ("
                    + NumberText.count(MAX_BREAKPOINTS) + "): some stacks may skip the functions inlined into others");
        }
    }

    /**
     * Turns V8's heap compaction off while allocations are tracked, and on again. V8 keeps an object's allocation
     * stack by its address, and moves it along when the object moves, but not once the object has an id (every
     * object gets one at each id mark): a compacting GC would then leave it without its stack, or with another's.
     * Without compaction nothing with an id moves. The flag is read at every GC, so it works on a running app.
     */
    private void compaction(boolean on) throws InspectorException, InterruptedException {
        String flag = on ? "--compact" : "--no-compact";
        String set = session.evaluate("(() => { const v8 = typeof process.getBuiltinModule === 'function'"
                + " ? process.getBuiltinModule('v8') : process.mainModule && process.mainModule.require('v8');"
                + " if (!v8) { return false; } v8.setFlagsFromString('" + flag + "'); return true; })()");
        if (!on && !"true".equals(set)) {
            console.warn("Could not turn V8's heap compaction off during the diagnosis (this Node has no "
                    + "process.getBuiltinModule): some allocation stacks may be missing");
        }
    }

    /** The ids of the scripts that are the app's own: files outside {@code node_modules}. */
    static List<String> appScripts(Map<String, String> scriptUrls) {
        return scriptUrls.entrySet().stream()
                .filter(script -> ScriptCatalog.originOf(script.getValue()) == StackFrame.Origin.APP)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static List<Leak> unlocated(List<Leak> leaks, String note) {
        return leaks.stream().map(leak -> leak.failing() ? leak.withOrigin(LeakOrigin.unknown(note)) : leak).toList();
    }

    /**
     * Enough requests for the slowest failing leak to leave {@link #OBJECTS_WANTED} objects when one request of the
     * mix makes all of its growth, as many as a round at most.
     */
    private int requestsPerWindow(List<Leak> leaks, int distinctRequests) {
        double slowest = leaks.stream().filter(Leak::failing).mapToDouble(leak -> leak.subject().growthPerRequest())
                .filter(growth -> growth > 0).min().orElse(1);
        double perRequestOfItsKind = slowest * distinctRequests;
        long wanted = (long) Math.ceil(OBJECTS_WANTED / perRequestOfItsKind);
        return (int) Math.max(Math.min(MIN_REQUESTS, config.requestsPerRound()),
                Math.min(wanted, config.requestsPerRound()));
    }

    /** Each request of the mix once, at its first position; two alike in the mix are named apart by a number. */
    static List<MixedRequest> distinct(List<RequestSpec> mix) {
        Map<RequestSpec, Integer> firstIndex = new LinkedHashMap<>();
        for (int i = 0; i < mix.size(); i++) {
            firstIndex.putIfAbsent(mix.get(i), i);
        }
        Map<String, Integer> named = new HashMap<>();
        firstIndex.keySet().forEach(spec -> named.merge(spec.method() + " " + spec.path(), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        List<MixedRequest> requests = new ArrayList<>();
        firstIndex.forEach((spec, index) -> {
            String label = spec.method() + " " + spec.path();
            if (named.get(label) > 1) {
                label = label + " #" + seen.merge(label, 1, Integer::sum);
            }
            requests.add(new MixedRequest(index, label));
        });
        return requests;
    }

    /**
     * What is left per request window before the deadline, once the snapshot and a mark after each window are
     * counted; never shorter than {@link #SHORTEST_WINDOW}.
     */
    private Duration windowLength(Instant deadline, Duration lastSnapshotTime, Duration markTime, int windows) {
        Duration left = Duration.between(clock.instant(), deadline)
                .minus(lastSnapshotTime.multipliedBy(3).dividedBy(2))
                .minus(markTime.multipliedBy(windows));
        return max(left.dividedBy(windows), SHORTEST_WINDOW);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
