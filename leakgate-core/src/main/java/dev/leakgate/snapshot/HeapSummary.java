package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * One V8 heap snapshot as a summary, read by {@link HeapSnapshotReader} with {@link ReadMode#SUMMARY}: per node (an
 * ordinal {@code 0 .. nodeCount() - 1}) its object id, constructor, type, self size and owned reference count, and
 * per constructor the totals of the DevTools Summary view; enough to count and diff constructors and to follow
 * collections. A {@link HeapSnapshot} answers these too, and questions about references besides.
 *
 * <p>Constructor names and self sizes follow the DevTools Summary view (see {@link ClassNames}
 * and {@link OwnedSizes}): like there, a constructor's count and the nodes listed for it leave out
 * nodes whose self size is 0 (internals whose size was counted towards their owner), except
 * native ones.
 *
 * <p>Immutable once read; safe to share between threads.
 */
public sealed class HeapSummary permits HeapSnapshot {
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
    private final int[] streamedOwnedReferenceCounts;
    private final NodeTraces traces;
    /**
     * @param fingerprints                 what telling processes apart needs of the names, for a summary, which drops
     *                                     them; null for a graph, which keeps them
     * @param streamedOwnedReferenceCounts a summary's counts, made while its edges streamed by; null for a graph
     */
    HeapSummary(String sourceName, HeapGraph graph, ClassNames classes, int edgeCount, Fingerprints fingerprints,
                int[] streamedOwnedReferenceCounts, NodeTraces traces) {
        this.sourceName = sourceName;
        this.ids = graph.ids();
        this.selfSizes = graph.selfSizes();
        this.classes = classes;
        this.edgeCount = edgeCount;
        this.nodeTypes = graph.nodeTypes();
        this.nodeTypeNames = graph.meta().nodeTypes();
        this.streamedOwnedReferenceCounts = streamedOwnedReferenceCounts;
        this.traces = traces;
        this.counted = countedNodes(graph);
        this.fingerprints = fingerprints;
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
        return streamedOwnedReferenceCounts[checked(node)];
    }
    /** Whether DevTools lists the node under its constructor: it has a size of its own, or is native. */
    boolean isCounted(int node) {
        return counted.get(node);
    }
    /** The nodes DevTools lists under their constructors, for the per-constructor retained sizes. */
    BitSet countedNodes() {
        return (BitSet) counted.clone();
    }

    NodeTraces traces() {
        return traces;
    }

    ClassNames classes() {
        return classes;
    }
    /** The plain objects' property lists: kept by a summary, listed again from the edges of a graph. */
    PlainObjectShapes plainObjectShapes() {
        return classes.shapes().orElseThrow();
    }
    /**
     * The node's type and name in one number, for nodes whose id {@link Fingerprints#covers}. An object
     * keeps both for life, so the same id with another fingerprint in a later snapshot means another
     * object, i.e. another process.
     */
    int fingerprint(int node) {
        return fingerprints.of(node);
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
    final int checked(int node) {
        if (node < 0 || node >= ids.length) {
            throw new IndexOutOfBoundsException("No node " + node + " in " + sourceName + ": it has " + ids.length
                    + " nodes");
        }
        return node;
    }}
