package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.ObjectIds;
import dev.leakgate.snapshot.PathCluster;
import dev.leakgate.snapshot.RetainerPath;
import dev.leakgate.snapshot.SourceLocation;
import dev.leakgate.snapshot.TraceFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds where each leak comes from, in a snapshot whose newer objects carry the stacks that allocated them (V8
 * tracked allocations while they were made). The leak's new objects are found again by {@link LeakObjects} and
 * grouped by their exact allocation stack, and the line to change is read off the stack that made most of them:
 * <ol>
 *   <li>the statement that stores them into the container that keeps them ({@code sessions.set(...)}): in the app
 *       functions on that stack, else anywhere in the container's module, the one the app passes when several do;</li>
 *   <li>the call the innermost app function makes into what allocated them ({@code setInterval(...)},
 *       {@code new JSDOM(...)}), a constructor of the leak's own objects not counting as that function;</li>
 *   <li>where that function hands the closures the leak keeps to what keeps them (a listener registered, a callback
 *       passed on), else where it defines them;</li>
 *   <li>failing an exact line, where that function starts.</li>
 * </ol>
 * When the mix has several requests and each was sent alone in a window of object ids, the ids of the leak's objects
 * say how much each request makes it grow.
 */
public final class LeakLocator {

    /** Stacks reported per leak: the first is the one the fix site is read from. */
    static final int MAX_STACKS = 3;

    private final HeapSnapshot snapshot;
    private final ScriptCatalog scripts;
    private final SourceProbe probe;

    /**
     * @param snapshot a snapshot of the process the leaks were found in, taken while V8 tracked allocations
     * @param probe    the running app's answers about its code, {@link SourceProbe#NONE} for files
     */
    public LeakLocator(HeapSnapshot snapshot, ScriptCatalog scripts, SourceProbe probe) {
        this.snapshot = snapshot;
        this.scripts = scripts;
        this.probe = probe;
    }

    /**
     * A window of object ids in which one request of the mix was sent alone.
     *
     * @param request      the request as configured, e.g. {@code POST /orders}
     * @param requestsSent how many were sent
     * @param lastObjectId the highest object id V8 had handed out once they were answered: objects with higher ids
     *                     than the previous window's and up to this one were allocated in this window
     */
    public record RequestWindow(String request, int requestsSent, int lastObjectId) {
    }

    /**
     * @param allocatedAfter the highest object id before the objects to look at were allocated: they have higher ids
     * @param windows        the windows of the requests sent alone, in order; empty when not measured
     */
    public Leak locate(Leak leak, int allocatedAfter, List<RequestWindow> windows) {
        if (!snapshot.hasAllocationTraces()) {
            return leak.withOrigin(new LeakOrigin(store(leak, List.of()).orElse(null), List.of(), List.of(),
                    "The snapshot carries no allocation stacks: take it while V8 tracks allocations (the DevTools "
                            + "Memory tab's \"Allocation instrumentation on timeline\") to see where the leak's "
                            + "objects come from."));
        }
        int[] subjects = leak.objects().subjectConstructor() == null ? new int[0]
                : keptLikeTheLeak(leak, snapshot.nodesAllocatedAfter(leak.objects().subjectConstructor(), allocatedAfter));
        int[] traced = objectsToTrace(leak.objects(), allocatedAfter, subjects);
        List<RequestGrowth> requests = windows.size() > 1
                ? requestGrowth(subjects.length > 0 ? subjects : traced, allocatedAfter, windows)
                : List.of();
        List<TraceCount> traces = byTrace(traced);
        List<AllocationStack> stacks = new ArrayList<>();
        for (TraceCount trace : traces.subList(0, Math.min(MAX_STACKS, traces.size()))) {
            stacks.add(new AllocationStack(trace.frames().stream().map(scripts::frame).toList(), trace.count(),
                    trace.bytes()));
        }
        List<TraceFrame> dominant = traces.isEmpty() ? List.of() : traces.get(0).frames();
        Optional<FixSite> fixSite = store(leak, dominant);
        if (fixSite.isEmpty()) {
            fixSite = setUp(dominant);
        }
        if (fixSite.isEmpty() && !dominant.isEmpty()) {
            fixSite = fromStack(leak, dominant, traces.get(0).example(), allocatedAfter);
        }
        String note = stacks.isEmpty() ? "None of the leak's new objects was allocated while V8 tracked allocations, "
                + "so where they come from is not known."
                : appFrames(dominant).isEmpty() ? noAppFrame(stacks.get(0), fixSite)
                : "";
        return leak.withOrigin(new LeakOrigin(fixSite.orElse(null), stacks, requests, note));
    }

    /**
     * Of these new instances of the leak's subject, those kept the way the leak keeps them: the leak's own, not others
     * of the same constructor (Node's own timers beside the ones a page leaks).
     */
    private int[] keptLikeTheLeak(Leak leak, int[] instances) {
        for (PathCluster cluster : snapshot.retainerPathClusters(instances)) {
            ReadablePath path = ReadablePath.of(snapshot.shortestRetainerPath(cluster.representative()),
                    scripts::moduleName);
            if (LeakId.of(leak.subject(), path).equals(leak.id())) {
                return cluster.members();
            }
        }
        return instances;
    }

    /**
     * The objects whose stacks tell where the leak comes from: what its collection holds (what the app stores),
     * else the instances of its subject, else the object that grows and what holds it.
     */
    private int[] objectsToTrace(LeakObjects objects, int allocatedAfter, int[] subjects) {
        if (objects.collectionId() != 0) {
            OptionalInt collection = snapshot.nodeWithObjectId(objects.collectionId());
            if (collection.isPresent()) {
                int[] elements = allocatedAfter(snapshot.ownedReferenceTargets(collection.getAsInt()), allocatedAfter);
                // Elements that are all older (one object pushed again and again): the stores that grew tell.
                return elements.length > 0 ? elements
                        : allocatedAfter(snapshot.ownedStores(collection.getAsInt()), allocatedAfter);
            }
        }
        if (subjects.length > 0) {
            return subjects;
        }
        if (objects.growingConstructor() != null) {
            return growingAndItsHolders(objects.growingConstructor(), allocatedAfter);
        }
        return new int[0];
    }

    /**
     * The largest instance of a constructor whose bytes grow, with the objects on its path allocated since: a
     * Buffer's backing store is native and has no stack of its own, the Buffer that holds it has.
     */
    private int[] growingAndItsHolders(String constructor, int allocatedAfter) {
        Optional<Integer> largest = Arrays.stream(snapshot.nodesOf(constructor)).boxed()
                .max(Comparator.comparingLong(snapshot::selfSize));
        if (largest.isEmpty()) {
            return new int[0];
        }
        Set<Integer> nodes = new LinkedHashSet<>();
        nodes.add(largest.get());
        for (RetainerPath.Step step : snapshot.shortestRetainerPath(largest.get()).steps()) {
            if (ObjectIds.allocatedAfter(step.objectId(), allocatedAfter)) {
                snapshot.nodeWithObjectId(step.objectId()).ifPresent(nodes::add);
            }
        }
        return allocatedAfter(nodes.stream().mapToInt(Integer::intValue).toArray(), allocatedAfter);
    }

    private int[] allocatedAfter(int[] nodes, int allocatedAfter) {
        return Arrays.stream(nodes).filter(node -> ObjectIds.allocatedAfter(snapshot.objectId(node), allocatedAfter))
                .distinct().toArray();
    }

    private record TraceCount(List<TraceFrame> frames, int count, long bytes, int example) {
    }

    /**
     * The objects' allocation stacks, those through the app's own code first, then by the objects they made; objects
     * V8 has no stack for are left out. Stacks that differ only below the call the app makes into other code (inside
     * a library, inside Node) count as one: the app's side is what a fix changes.
     */
    private List<TraceCount> byTrace(int[] objects) {
        Map<Integer, List<TraceFrame>> framesOfTrace = new LinkedHashMap<>();
        Map<List<TraceFrame>, long[]> counts = new LinkedHashMap<>();
        Map<List<TraceFrame>, List<TraceFrame>> fullStackOf = new LinkedHashMap<>();
        for (int node : objects) {
            int trace = snapshot.allocationTrace(node);
            if (trace == 0) {
                continue;
            }
            List<TraceFrame> frames = framesOfTrace.computeIfAbsent(trace, snapshot::allocationStack);
            if (frames.isEmpty()) {
                continue;
            }
            List<TraceFrame> key = appSide(frames);
            fullStackOf.putIfAbsent(key, frames);
            long[] count = counts.computeIfAbsent(key, k -> new long[]{0, 0, node});
            count[0]++;
            count[1] += snapshot.selfSize(node);
        }
        List<TraceCount> traces = new ArrayList<>();
        counts.forEach((key, count) -> traces.add(new TraceCount(fullStackOf.get(key), (int) count[0], count[1],
                (int) count[2])));
        traces.sort(Comparator.comparing((TraceCount trace) -> appFrames(trace.frames()).isEmpty())
                .thenComparing(Comparator.comparingInt(TraceCount::count).reversed())
                .thenComparing(Comparator.comparingLong(TraceCount::bytes).reversed()));
        return traces;
    }

    /** The stack down to the first frame the app's innermost frame calls; the whole stack without an app frame. */
    private static List<TraceFrame> appSide(List<TraceFrame> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (isApp(frames.get(i))) {
                return frames.subList(0, Math.min(frames.size(), i + 2));
            }
        }
        return frames;
    }

    /** Per window, the objects allocated in it per request sent. */
    private List<RequestGrowth> requestGrowth(int[] objects, int allocatedAfter, List<RequestWindow> windows) {
        List<RequestGrowth> growth = new ArrayList<>();
        int from = allocatedAfter;
        for (RequestWindow window : windows) {
            int windowStart = from;
            long count = Arrays.stream(objects).map(snapshot::objectId)
                    .filter(id -> ObjectIds.allocatedAfter(id, windowStart)
                            && !ObjectIds.allocatedAfter(id, window.lastObjectId()))
                    .count();
            growth.add(new RequestGrowth(window.request(),
                    window.requestsSent() == 0 ? 0 : (double) count / window.requestsSent(), window.requestsSent()));
            from = window.lastObjectId();
        }
        return growth;
    }

    /**
     * The statement that stores the leak's objects into the container that keeps them: in the app functions of the
     * stack, innermost first; else in the container's module, or the scripts of those functions. Where several
     * statements do, the one the app passes most.
     */
    private Optional<FixSite> store(Leak leak, List<TraceFrame> stack) {
        String container = leak.objects().containerName();
        if (container.isEmpty()) {
            return Optional.empty();
        }
        List<TraceFrame> app = appFrames(stack);
        for (int k = app.size() - 1; k >= 0; k--) {
            Optional<SourceProbe.SourceSite> store = oneOf(probe.storesInFunction(app.get(k), container));
            if (store.isPresent()) {
                return Optional.of(site(store.get(), FixSite.Kind.STORE));
            }
        }
        Set<String> modules = new LinkedHashSet<>();
        if (!leak.objects().containerScript().isEmpty()) {
            modules.add(leak.objects().containerScript());
        }
        app.forEach(frame -> modules.add(frame.scriptName()));
        for (String module : modules) {
            Optional<SourceProbe.SourceSite> store = oneOf(probe.storesInScript(module, container));
            if (store.isPresent()) {
                return Optional.of(site(store.get(), FixSite.Kind.STORE));
            }
        }
        return Optional.empty();
    }

    /**
     * Where the app sets up the package that keeps the objects, when the app does not call that package on the
     * stack: express-session's store keeps a session per visitor while the app only calls {@code res.json}. The
     * package is the one whose code runs innermost, below the app's last frame; a fix configures it (another store,
     * a bound, an option), not the call the app happens to make.
     */
    private Optional<FixSite> setUp(List<TraceFrame> stack) {
        int innermostApp = -1;
        for (int i = 0; i < stack.size(); i++) {
            if (isApp(stack.get(i))) {
                innermostApp = i;
            }
        }
        Optional<String> called = innermostApp + 1 < stack.size() && innermostApp >= 0
                ? ScriptCatalog.packageOf(stack.get(innermostApp + 1).scriptName()) : Optional.empty();
        Optional<String> keeping = Optional.empty();
        for (int i = stack.size() - 1; i > innermostApp && keeping.isEmpty(); i--) {
            keeping = ScriptCatalog.packageOf(stack.get(i).scriptName());
        }
        if (keeping.isEmpty() || keeping.equals(called)) {
            return Optional.empty();
        }
        String packageName = keeping.get();
        return probe.setUpOf(packageName).map(site -> new FixSite(
                new CodeLocation(scripts.displayName(site.scriptName()), site.line() + 1, site.column() + 1),
                site.function(), FixSite.Kind.SETUP, site.code(), packageName));
    }

    /** The only one, or of several the one the app passes most; empty when there is none or none is passed. */
    private Optional<SourceProbe.SourceSite> oneOf(List<SourceProbe.SourceSite> sites) {
        if (sites.size() <= 1) {
            return sites.stream().findFirst();
        }
        return probe.mostPassed(sites);
    }

    /** The call or closure that the innermost app function on the stack makes the objects with. */
    private Optional<FixSite> fromStack(Leak leak, List<TraceFrame> stack, int example, int allocatedAfter) {
        List<Integer> app = new ArrayList<>();
        for (int i = 0; i < stack.size(); i++) {
            if (isApp(stack.get(i))) {
                app.add(i);
            }
        }
        if (app.isEmpty()) {
            return Optional.empty();
        }
        int caller = innermostCaller(stack, app, leak.subject().constructor());
        TraceFrame function = stack.get(caller);
        TraceFrame callee = caller + 1 < stack.size() && !stack.get(caller + 1).scriptName().isEmpty()
                ? stack.get(caller + 1) : null;
        if (callee != null) {
            Optional<SourceProbe.SourceSite> call = probe.callSite(function, callee);
            if (call.isPresent()) {
                return Optional.of(site(call.get(), FixSite.Kind.CALL));
            }
        }
        Optional<FixSite> closure = closureDefinedIn(function, leak.objects(), example, allocatedAfter);
        if (closure.isPresent()) {
            return closure;
        }
        return Optional.of(new FixSite(start(function), name(function), FixSite.Kind.FUNCTION, "",
                callee == null ? "" : name(callee)));
    }

    private static List<TraceFrame> appFrames(List<TraceFrame> stack) {
        return stack.stream().filter(LeakLocator::isApp).toList();
    }

    private static boolean isApp(TraceFrame frame) {
        return ScriptCatalog.originOf(frame.scriptName()) == StackFrame.Origin.APP;
    }

    /**
     * The innermost app frame that is not the constructor of the leak's own objects: {@code new Session()} is
     * fixed where it is called, not in the class.
     */
    private static int innermostCaller(List<TraceFrame> stack, List<Integer> app, String constructor) {
        for (int k = app.size() - 1; k >= 0; k--) {
            TraceFrame frame = stack.get(app.get(k));
            if (k == 0 || !frame.functionName().equals(constructor)) {
                return app.get(k);
            }
        }
        return app.get(app.size() - 1);
    }

    /**
     * Where the function defines the closures the leak keeps, when it keeps closures that this function made: the
     * listener it registers, the callback it hands to a timer. With the call the closure is passed to.
     */
    private Optional<FixSite> closureDefinedIn(TraceFrame function, LeakObjects objects, int example,
                                               int allocatedAfter) {
        int[] closures = "closure".equals(snapshot.nodeType(example)) ? new int[]{example}
                : objects.keepsClosures() ? snapshot.nodesAllocatedAfter(LeakObjects.CLOSURES, allocatedAfter)
                : new int[0];
        Map<SourceLocation, Integer> definitions = new LinkedHashMap<>();
        for (int closure : closures) {
            List<TraceFrame> madeBy = snapshot.allocationStack(snapshot.allocationTrace(closure));
            Optional<SourceLocation> defined = snapshot.location(closure);
            if (!madeBy.isEmpty() && madeBy.get(madeBy.size() - 1).equals(function) && defined.isPresent()
                    && defined.get().scriptId() == function.scriptId()) {
                definitions.merge(defined.get(), 1, Integer::sum);
            }
        }
        return definitions.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .map(defined -> {
                    // Pointed at by the call it is handed to when there is one: configBus.on('reload', function ...
                    // on the same line, else the function's own listener registration: priceFeed.on(symbol, notify)
                    Optional<SourceProbe.SourceSite> call = probe.callAround(function, defined.line(), defined.column())
                            .or(() -> probe.listenerRegistration(function));
                    if (call.isPresent()) {
                        return site(call.get(), FixSite.Kind.CLOSURE);
                    }
                    CodeLocation at = new CodeLocation(scripts.displayName(function.scriptName()), defined.line() + 1,
                            defined.column() + 1);
                    return new FixSite(at, name(function), FixSite.Kind.CLOSURE, "", "");
                });
    }

    private FixSite site(SourceProbe.SourceSite site, FixSite.Kind kind) {
        CodeLocation at = new CodeLocation(scripts.displayName(site.scriptName()), site.line() + 1, site.column() + 1);
        return new FixSite(at, site.function(), kind, site.code(), site.callee());
    }

    private CodeLocation start(TraceFrame frame) {
        return new CodeLocation(scripts.displayName(frame.scriptName()), frame.line(), frame.column());
    }

    private static String name(TraceFrame frame) {
        return frame.functionName().isEmpty() ? "(anonymous)" : frame.functionName();
    }

    /**
     * That the stack runs in a library's or Node's code only, which the app did not call: its middleware, its timer.
     * With where the app sets that code up, when that is the fix site.
     */
    private static String noAppFrame(AllocationStack stack, Optional<FixSite> fixSite) {
        StackFrame innermost = stack.frames().get(stack.frames().size() - 1);
        StackFrame outermostForeign = stack.frames().stream()
                .filter(frame -> frame.origin() == StackFrame.Origin.LIBRARY).findFirst().orElse(innermost);
        String noFrame = "No frame of the app's own code is on the stack that made these objects: "
                + outermostForeign.text() + " makes them, called by Node or a library, not by the app.";
        if (fixSite.isEmpty()) {
            return noFrame + " Look at how the app configures it.";
        }
        return fixSite.get().kind() == FixSite.Kind.SETUP
                ? noFrame + " The fix site is where the app sets up " + fixSite.get().callee() + "." : noFrame;
    }
}
