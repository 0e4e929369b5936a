package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One V8 heap snapshot, read by {@link HeapSnapshotReader}: per node (an ordinal {@code 0 ..
 * nodeCount() - 1}) its object id, constructor and self size, and per constructor the totals of
 * the DevTools Summary view. A {@link ReadMode#GRAPH} snapshot also answers questions about
 * references: retainer paths, retained sizes, source locations.
 *
 * <p>Constructor names and self sizes follow the DevTools Summary view (see {@link ClassNames}
 * and {@link OwnedSizes}): like there, a constructor's count and the nodes listed for it leave out
 * nodes whose self size is 0 (internals whose size was counted towards their owner), except
 * native ones.
 *
 * <p>Immutable once read; safe to share between threads.
 */
public final class HeapSnapshot {

    private final String sourceName;
    private final int[] ids;
    private final long[] selfSizes;
    private final ClassNames classes;
    private final BitSet counted;
    private final Fingerprints fingerprints;
    private final int[] classCounts;
    private final List<ConstructorTotal> constructors;
    private final long totalSelfSize;
    private final int maxObjectId;
    private final int edgeCount;
    private final byte[] nodeTypes;
    private final List<String> nodeTypeNames;
    /** A summary's counts, made while its edges streamed by; a graph counts from its edges when asked. */
    private final int[] streamedOwnedReferenceCounts;
    private final HeapGraph graph;
    private final SourceLocations locations;
    private final NodeTraces traces;
    private ShortestPaths shortestPaths;
    private DominatorTree dominatorTree;
    private ScriptNames scriptNames;
    private long[] classRetainedSizes;
    private OwnedReferences ownedReferences;

    HeapSnapshot(String sourceName, ReadMode mode, HeapGraph graph, ClassNames classes, SourceLocations locations,
                 int edgeCount, int[] streamedOwnedReferenceCounts, NodeTraces traces) {
        this.sourceName = sourceName;
        this.ids = graph.ids();
        this.selfSizes = graph.selfSizes();
        this.classes = classes;
        this.edgeCount = edgeCount;
        this.nodeTypes = graph.nodeTypes();
        this.nodeTypeNames = graph.meta().nodeTypes();
        this.streamedOwnedReferenceCounts = streamedOwnedReferenceCounts;
        this.graph = mode == ReadMode.GRAPH ? graph : null;
        this.locations = locations;
        this.traces = traces;
        this.counted = countedNodes(graph);
        // Without the graph the names are gone: keep what telling processes apart needs of them.
        this.fingerprints = mode == ReadMode.GRAPH ? null : Fingerprints.of(graph);
        long total = 0;
        int maxId = 0;
        int[] memberCounts = new int[classes.classCount()];
        long[] classSizes = new long[classes.classCount()];
        for (int node = 0; node < ids.length; node++) {
            total += selfSizes[node];
            if (ObjectIds.allocatedAfter(ids[node], maxId)) {
                maxId = ids[node];
            }
            if (counted.get(node)) {
                memberCounts[classes.classOf(node)]++;
                classSizes[classes.classOf(node)] += selfSizes[node];
            }
        }
        this.classCounts = memberCounts;
        this.totalSelfSize = total;
        this.maxObjectId = maxId;
        List<ConstructorTotal> totals = new ArrayList<>();
        for (int c = 0; c < memberCounts.length; c++) {
            if (memberCounts[c] > 0) {
                totals.add(new ConstructorTotal(classes.name(c), memberCounts[c], classSizes[c]));
            }
        }
        this.constructors = List.copyOf(totals);
    }

    /** The file name or label the snapshot was read from, for messages. */
    public String sourceName() {
        return sourceName;
    }

    public int nodeCount() {
        return ids.length;
    }

    /** The number of references in the snapshot (counted in both modes). */
    public int edgeCount() {
        return edgeCount;
    }

    /** The sum of all self sizes: DevTools' total size of the snapshot. */
    public long totalSelfSize() {
        return totalSelfSize;
    }

    /**
     * The largest JavaScript object id (odd ids; native ids are left out because they are not handed
     * out in order): what {@link ObjectIds#allocatedAfter} tells a later snapshot's new objects by.
     */
    public int maxObjectId() {
        return maxObjectId;
    }

    /** One total per constructor, as the DevTools Summary view lists them; in no particular order. */
    public List<ConstructorTotal> constructors() {
        return constructors;
    }

    /**
     * V8's object id: stable for the life of the process, odd for JavaScript objects. Ids are unsigned
     * 32-bit numbers; the few at or above 2^31 (native objects only) read as negative ints here, so
     * use {@link Integer#toUnsignedLong} to show them.
     */
    public int objectId(int node) {
        return ids[checked(node)];
    }

    public String constructorOf(int node) {
        return classes.name(classes.classOf(checked(node)));
    }

    /** The self size as DevTools shows it (internals owned by this object only are included). */
    public long selfSize(int node) {
        return selfSizes[checked(node)];
    }

    /** The nodes counted for a constructor, in node order; an empty array for an unknown name. */
    public int[] nodesOf(String constructor) {
        int c = classes.indexOf(constructor);
        if (c < 0) {
            return new int[0];
        }
        // A scan per call rather than an index per node: callers ask for a handful of constructors.
        int[] members = new int[classCounts[c]];
        int found = 0;
        for (int node = 0; node < ids.length && found < members.length; node++) {
            if (classes.classOf(node) == c && counted.get(node)) {
                members[found++] = node;
            }
        }
        return members;
    }

    /**
     * The nodes counted for a constructor that were allocated after an earlier snapshot of the same process
     * whose highest object id was {@code maxObjectId} (see {@link #maxObjectId}), oldest first; never
     * native objects, whose ids say nothing about age.
     */
    public int[] nodesAllocatedAfter(String constructor, int maxObjectId) {
        int[] members = nodesOf(constructor);
        // Sorted as one long per node, the id above the node: a leaking constructor has a million of them.
        long[] byId = new long[members.length];
        int count = 0;
        for (int node : members) {
            if (ObjectIds.allocatedAfter(ids[node], maxObjectId)) {
                byId[count++] = (long) ObjectIds.sortable(ids[node]) << 32 | node;
            }
        }
        Arrays.sort(byId, 0, count);
        int[] nodes = new int[count];
        for (int i = 0; i < count; i++) {
            nodes[i] = (int) byId[i];
        }
        return nodes;
    }

    /** The node with this object id, if the snapshot has one. */
    public OptionalInt nodeWithObjectId(int objectId) {
        for (int node = 0; node < ids.length; node++) {
            if (ids[node] == objectId) {
                return OptionalInt.of(node);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The shortest chain of strong references from the roots to the node, as DevTools' Retainers
     * view orders them (see {@link ShortestPaths}). Empty when the node is only weakly reachable.
     */
    public RetainerPath shortestRetainerPath(int node) {
        requireGraph("shortestRetainerPath");
        // The dominator tree first: its work space is the bigger, and the paths' result then is not held meanwhile.
        dominatorTree();
        return shortestPaths().pathTo(checked(node), classes, scripts());
    }

    /**
     * Groups the nodes by the shape of their shortest retainer paths (see {@link PathClusters}), the biggest
     * group first: which way most of a leak's objects are kept (GRAPH mode).
     */
    public List<PathCluster> retainerPathClusters(int[] nodes) {
        requireGraph("retainerPathClusters");
        dominatorTree();
        for (int node : nodes) {
            checked(node);
        }
        return PathClusters.of(nodes, graph, shortestPaths(), classes);
    }

    /**
     * The node's immediate dominator: the nearest object every path from the roots to it passes through, so
     * that it keeps the node alive (GRAPH mode). The root is its own.
     */
    public int immediateDominator(int node) {
        requireGraph("immediateDominator");
        return dominatorTree().dominatorOf(checked(node));
    }

    /**
     * The nearest object that dominates all these nodes (or is one of them, dominating the rest): the one object that
     * keeps them all alive; the synthetic root when none does (GRAPH mode).
     */
    public int commonDominator(int[] nodes) {
        requireGraph("commonDominator");
        DominatorTree tree = dominatorTree();
        if (nodes.length == 0) {
            return graph.root();
        }
        // The first node's chain up to the root; every further node moves the answer up to where its chain meets it.
        GrowableIntArray chain = new GrowableIntArray(16);
        for (int node = checked(nodes[0]); ; node = tree.dominatorOf(node)) {
            chain.add(node);
            if (node == graph.root() || tree.dominatorOf(node) == node) {
                break;
            }
        }
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < chain.size(); i++) {
            position.put(chain.get(i), i);
        }
        int lowest = 0;
        for (int k = 1; k < nodes.length && lowest < chain.size() - 1; k++) {
            int node = checked(nodes[k]);
            while (!position.containsKey(node) && node != graph.root() && tree.dominatorOf(node) != node) {
                node = tree.dominatorOf(node);
            }
            lowest = Math.max(lowest, position.getOrDefault(node, chain.size() - 1));
        }
        return chain.get(lowest);
    }

    /** The node every path starts at: the snapshot's synthetic root. */
    public int root() {
        return graph.root();
    }

    /** The nodes this node holds strongly (its references but the weak ones), one entry per reference (GRAPH mode). */
    public int[] strongReferences(int node) {
        requireGraph("strongReferences");
        int weak = graph.meta().edgeType("weak");
        GrowableIntArray targets = new GrowableIntArray(8);
        for (int edge = graph.edgesStart(checked(node)); edge < graph.edgesEnd(node); edge++) {
            if (graph.edgeType(edge) != weak) {
                targets.add(graph.edgeTarget(edge));
            }
        }
        return targets.toArray();
    }

    /**
     * What the GC would free without this node: its self size plus that of every object only
     * reachable through it (GRAPH mode; see {@link DominatorTree}). Computed on first use.
     */
    public long retainedSize(int node) {
        requireGraph("retainedSize");
        return dominatorTree().retainedSize(checked(node));
    }

    /**
     * Builds the dominator tree behind the retained sizes now rather than on first use (GRAPH mode). Its
     * work space is the largest any question here needs, so a caller short of memory builds it while it
     * holds the least else.
     */
    public void prepareRetainedSizes() {
        requireGraph("prepareRetainedSizes");
        dominatorTree();
    }

    /**
     * The constructor's retained size as the DevTools Summary view shows it: the retained sizes of
     * its objects that no object of the same constructor dominates (GRAPH mode; 0 for an unknown
     * name; see {@link ClassRetainedSizes}).
     */
    public long retainedSize(String constructor) {
        requireGraph("retainedSize");
        int c = classes.indexOf(constructor);
        return c < 0 ? 0 : classRetainedSizes()[c];
    }

    /** Where the closure's function, or the object's constructor, is defined (GRAPH mode). */
    public Optional<SourceLocation> location(int node) {
        requireGraph("location");
        return locations.of(checked(node));
    }

    /** Where the functions of the heap's closures are defined, each once, in these scripts (GRAPH mode). */
    public Set<SourceLocation> functionLocations(Set<Integer> scriptIds) {
        requireGraph("functionLocations");
        int closure = graph.meta().nodeType("closure");
        Set<SourceLocation> functions = new LinkedHashSet<>();
        for (int k = 0; k < locations.size(); k++) {
            if (graph.nodeType(locations.node(k)) == closure && scriptIds.contains(locations.scriptId(k))) {
                functions.add(locations.at(k));
            }
        }
        return functions;
    }

    /**
     * Whether V8 tracked allocations while this snapshot's newer objects were made, so that
     * {@link #allocationTrace} can say which stack made them (GRAPH mode).
     */
    public boolean hasAllocationTraces() {
        return !traces.isEmpty();
    }

    /**
     * The allocation stack that made the node, as a trace node id (see {@link #allocationStack}); 0 when it was
     * allocated while V8 did not track allocations, or the snapshot has no traces.
     */
    public int allocationTrace(int node) {
        return traces.traceOf(checked(node));
    }

    /** The frames of an allocation stack, outermost first; empty for trace 0. */
    public List<TraceFrame> allocationStack(int trace) {
        requireGraph("allocationStack");
        return traces.frames(trace, graph.strings());
    }

    /**
     * Script id to script name as the heap holds it: a file path for CommonJS, a {@code file:} URL
     * for ES modules, {@code node:internal/...} for Node's own (GRAPH mode). It names the ids of
     * {@link #location} when no inspector announced them, as for snapshots read from files; scripts
     * without a located closure in the heap are missing.
     */
    public Map<Integer, String> scriptNames() {
        requireGraph("scriptNames");
        return scripts().byScriptId(locations);
    }

    /**
     * The node's own name in the snapshot (GRAPH mode): the function name of a closure, the
     * constructor name of an object, the (possibly cut) value of a string.
     */
    public String nodeName(int node) {
        requireGraph("nodeName");
        return graph.name(checked(node));
    }

    /** The node's V8 type: object, closure, string, array, hidden, native, ... */
    public String nodeType(int node) {
        return nodeTypeNames.get(nodeTypes[checked(node)]);
    }

    /**
     * The strong references the object holds itself or through the engine-internal stores only it owns
     * (an Array's elements, a Map's or Set's hash table, an object's property store), as counted for its
     * {@link #selfSize}. Grows by at least one with every element or entry added to a collection (both modes).
     */
    public int ownedReferenceCount(int node) {
        if (streamedOwnedReferenceCounts != null) {
            return streamedOwnedReferenceCounts[checked(node)];
        }
        return ownedReferences().countOf(checked(node));
    }

    /**
     * The nodes those {@link #ownedReferenceCount owned references} point to: a collection's elements,
     * keys and values, and the few objects every object refers to (its shape, its prototype). In no
     * particular order, one entry per reference (GRAPH mode).
     */
    public int[] ownedReferenceTargets(int node) {
        requireGraph("ownedReferenceTargets");
        return ownedReferences().targetsOf(checked(node));
    }

    /**
     * The engine-internal stores only this object owns, whose sizes count towards its {@link #selfSize}: an Array's
     * elements store, a Map's or Set's hash table, an object's property store (GRAPH mode). A growing collection
     * replaces them by bigger ones.
     */
    public int[] ownedStores(int node) {
        requireGraph("ownedStores");
        return ownedReferences().storesOf(checked(node));
    }

    private synchronized ShortestPaths shortestPaths() {
        if (shortestPaths == null) {
            shortestPaths = ShortestPaths.of(graph, scripts().moduleScopesOf(AppScripts::isApps));
        }
        return shortestPaths;
    }

    private synchronized ScriptNames scripts() {
        if (scriptNames == null) {
            scriptNames = new ScriptNames(graph);
        }
        return scriptNames;
    }

    private synchronized DominatorTree dominatorTree() {
        if (dominatorTree == null) {
            dominatorTree = DominatorTree.of(graph);
        }
        return dominatorTree;
    }

    private synchronized OwnedReferences ownedReferences() {
        if (ownedReferences == null) {
            ownedReferences = OwnedReferences.of(graph);
        }
        return ownedReferences;
    }

    private synchronized long[] classRetainedSizes() {
        if (classRetainedSizes == null) {
            classRetainedSizes = ClassRetainedSizes.of(dominatorTree(), classes, counted, graph.root());
        }
        return classRetainedSizes;
    }

    /** Whether DevTools lists the node under its constructor: it has a size of its own, or is native. */
    boolean isCounted(int node) {
        return counted.get(node);
    }

    ClassNames classes() {
        return classes;
    }

    /** The plain objects' property lists: kept by a summary, listed again from the edges of a graph. */
    PlainObjectShapes plainObjectShapes() {
        return classes.shapes().orElseGet(() -> PlainObjectShapes.of(graph));
    }

    /**
     * The node's type and name in one number, for nodes whose id {@link Fingerprints#covers}. An object
     * keeps both for life, so the same id with another fingerprint in a later snapshot means another
     * object, i.e. another process.
     */
    int fingerprint(int node) {
        return fingerprints != null ? fingerprints.of(node) : Fingerprints.of(graph, node);
    }

    private static BitSet countedNodes(HeapGraph graph) {
        int nativeType = graph.meta().nodeType("native");
        BitSet counted = new BitSet(graph.nodeCount());
        for (int node = 0; node < graph.nodeCount(); node++) {
            if (graph.selfSize(node) > 0 || graph.nodeType(node) == nativeType) {
                counted.set(node);
            }
        }
        return counted;
    }

    private int checked(int node) {
        if (node < 0 || node >= ids.length) {
            throw new IndexOutOfBoundsException("No node " + node + " in " + sourceName + ": it has " + ids.length
                    + " nodes");
        }
        return node;
    }

    private void requireGraph(String method) {
        if (graph == null) {
            throw new IllegalStateException(method + " needs the references of " + sourceName
                    + ", which were dropped: read it with ReadMode.GRAPH");
        }
    }
}
