package dev.leakgate.snapshot;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One V8 heap snapshot with its references, read by {@link HeapSnapshotReader} with {@link ReadMode#GRAPH}: besides
 * the summary, retainer paths, dominators and retained sizes, source locations, names and allocation stacks. The
 * structures behind them are built on first use.
 *
 * <p>Immutable once read; safe to share between threads.
 */
public final class HeapSnapshot extends HeapSummary {

    private final HeapGraph graph;
    private final SourceLocations locations;
    private ShortestPaths shortestPaths;
    private DominatorTree dominatorTree;
    private ScriptNames scriptNames;
    private long[] classRetainedSizes;
    private OwnedReferences ownedReferences;

    HeapSnapshot(String sourceName, HeapGraph graph, ClassNames classes, SourceLocations locations, int edgeCount,
                 NodeTraces traces) {
        super(sourceName, graph, classes, edgeCount, null, null, traces);
        this.graph = graph;
        this.locations = locations;
    }

    /** Counted from the references, which a graph keeps. */
    @Override
    public int ownedReferenceCount(int node) {
        return ownedReferences().countOf(checked(node));
    }

    @Override
    PlainObjectShapes plainObjectShapes() {
        return PlainObjectShapes.of(graph);
    }

    @Override
    int fingerprint(int node) {
        return Fingerprints.of(graph, node);
    }

    /**
     * The shortest chain of strong references from the roots to the node, as DevTools' Retainers
     * view orders them (see {@link ShortestPaths}). Empty when the node is only weakly reachable.
     */
    public RetainerPath shortestRetainerPath(int node) {
        // The dominator tree first: its work space is the bigger, and the paths' result then is not held meanwhile.
        dominatorTree();
        return shortestPaths().pathTo(checked(node), classes(), scripts());
    }
    /**
     * Groups the nodes by the shape of their shortest retainer paths (see {@link PathClusters}), the biggest
     * group first: which way most of a leak's objects are kept (GRAPH mode).
     */
    public List<PathCluster> retainerPathClusters(int[] nodes) {
        dominatorTree();
        for (int node : nodes) {
            checked(node);
        }
        return PathClusters.of(nodes, graph, shortestPaths(), classes());
    }
    /**
     * The node's immediate dominator: the nearest object every path from the roots to it passes through, so
     * that it keeps the node alive (GRAPH mode). The root is its own.
     */
    public int immediateDominator(int node) {
        return dominatorTree().dominatorOf(checked(node));
    }
    /**
     * The nearest object that dominates all these nodes (or is one of them, dominating the rest): the one object that
     * keeps them all alive; the synthetic root when none does (GRAPH mode).
     */
    public int commonDominator(int[] nodes) {
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
        return dominatorTree().retainedSize(checked(node));
    }
    /**
     * Builds the dominator tree behind the retained sizes now rather than on first use (GRAPH mode). Its
     * work space is the largest any question here needs, so a caller short of memory builds it while it
     * holds the least else.
     */
    public void prepareRetainedSizes() {
        dominatorTree();
    }
    /**
     * The constructor's retained size as the DevTools Summary view shows it: the retained sizes of
     * its objects that no object of the same constructor dominates (GRAPH mode; 0 for an unknown
     * name; see {@link ClassRetainedSizes}).
     */
    public long retainedSize(String constructor) {
        int c = classes().indexOf(constructor);
        return c < 0 ? 0 : classRetainedSizes()[c];
    }
    /** Where the closure's function, or the object's constructor, is defined (GRAPH mode). */
    public Optional<SourceLocation> location(int node) {
        return locations.of(checked(node));
    }
    /** Where the functions of the heap's closures are defined, each once, in these scripts (GRAPH mode). */
    public Set<SourceLocation> functionLocations(Set<Integer> scriptIds) {
        int closure = graph.meta().nodeType("closure");
        Set<SourceLocation> functions = new LinkedHashSet<>();
        for (int k = 0; k < locations.size(); k++) {
            if (graph.nodeType(locations.node(k)) == closure && scriptIds.contains(locations.scriptId(k))) {
                functions.add(locations.at(k));
            }
        }
        return functions;
    }
    /** The frames of an allocation stack, outermost first; empty for trace 0. */
    public List<TraceFrame> allocationStack(int trace) {
        return traces().frames(trace, graph.strings());
    }
    /**
     * Script id to script name as the heap holds it: a file path for CommonJS, a {@code file:} URL
     * for ES modules, {@code node:internal/...} for Node's own (GRAPH mode). It names the ids of
     * {@link #location} when no inspector announced them, as for snapshots read from files; scripts
     * without a located closure in the heap are missing.
     */
    public Map<Integer, String> scriptNames() {
        return scripts().byScriptId(locations);
    }
    /**
     * The node's own name in the snapshot (GRAPH mode): the function name of a closure, the
     * constructor name of an object, the (possibly cut) value of a string.
     */
    public String nodeName(int node) {
        return graph.name(checked(node));
    }
    /**
     * The nodes those {@link #ownedReferenceCount owned references} point to: a collection's elements,
     * keys and values, and the few objects every object refers to (its shape, its prototype). In no
     * particular order, one entry per reference (GRAPH mode).
     */
    public int[] ownedReferenceTargets(int node) {
        return ownedReferences().targetsOf(checked(node));
    }
    /**
     * The engine-internal stores only this object owns, whose sizes count towards its {@link #selfSize}: an Array's
     * elements store, a Map's or Set's hash table, an object's property store (GRAPH mode). A growing collection
     * replaces them by bigger ones.
     */
    public int[] ownedStores(int node) {
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
            classRetainedSizes = ClassRetainedSizes.of(dominatorTree(), classes(), countedNodes(), graph.root());
        }
        return classRetainedSizes;
    }

}
