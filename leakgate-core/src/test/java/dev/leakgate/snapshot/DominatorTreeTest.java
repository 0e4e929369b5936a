package dev.leakgate.snapshot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DominatorTreeTest {

    private final SnapshotJson heap = new SnapshotJson();
    private final int global = heap.node("object", "global", 10);

    DominatorTreeTest() {
        heap.edge(heap.root(), "shortcut", "global", global);
    }

    @Test
    void givesAnObjectSharedByTwoOthersToTheirCommonDominator() throws IOException {
        int first = heap.node("object", "First", 100);
        int second = heap.node("object", "Second", 30);
        int shared = heap.node("object", "Shared", 20);
        heap.edge(global, "property", "first", first).edge(global, "property", "second", second)
                .edge(first, "property", "shared", shared).edge(second, "property", "shared", shared);
        HeapSnapshot snapshot = heap.read(ReadMode.GRAPH);
        assertEquals(100, snapshot.retainedSize(first));
        assertEquals(30, snapshot.retainedSize(second));
        assertEquals(20, snapshot.retainedSize(shared));
        assertEquals(160, snapshot.retainedSize(global));
        assertEquals(snapshot.totalSelfSize(), snapshot.retainedSize(heap.root()));
    }

    @Test
    void countsACycleOnceForTheObjectThatLeadsIntoIt() throws IOException {
        int entry = heap.node("object", "Cycle", 50);
        int inner = heap.node("object", "Cycle", 70);
        heap.edge(global, "property", "cycle", entry).edge(entry, "property", "next", inner)
                .edge(inner, "property", "next", entry);
        HeapSnapshot snapshot = heap.read(ReadMode.GRAPH);
        assertEquals(120, snapshot.retainedSize(entry));
        assertEquals(70, snapshot.retainedSize(inner));
        assertEquals(130, snapshot.retainedSize(global));
        assertEquals(120, snapshot.retainedSize("Cycle"), "the inner object is inside the entry's size");
    }

    @Test
    void letsNoWeakReferenceRetainAnything() throws IOException {
        int holder = heap.node("object", "Holder", 10);
        int weakling = heap.node("object", "Weakling", 40);
        heap.edge(global, "property", "holder", holder).edge(holder, "weak", "target", weakling);
        HeapSnapshot snapshot = heap.read(ReadMode.GRAPH);
        assertEquals(10, snapshot.retainedSize(holder));
        assertEquals(20, snapshot.retainedSize(global));
        assertEquals(40, snapshot.retainedSize(weakling));
        assertEquals(60, snapshot.retainedSize(heap.root()), "only-weakly-held objects hang off the root");
    }

    @Test
    void givesAWeakMapValueToItsKeyNotToTheTable() throws IOException {
        int key = heap.node("object", "Key", 10);
        int weakMap = heap.node("object", "WeakMap", 10);
        int table = heap.node("array", "", 8);
        int value = heap.node("object", "Value", 40);
        String entry = "1 / part of key (Key @" + SnapshotJson.id(key) + ") -> value (Value @" + SnapshotJson.id(value)
                + ") pair in WeakMap (table @" + SnapshotJson.id(table) + ")";
        heap.edge(global, "property", "key", key).edge(global, "property", "map", weakMap)
                .edge(weakMap, "internal", "table", table).edge(table, "internal", entry, value)
                .edge(key, "internal", entry, value);
        HeapSnapshot snapshot = heap.read(ReadMode.GRAPH);
        assertEquals(key, heap.graph().immediateDominator(value));
        assertEquals(50, snapshot.retainedSize(key));
        assertEquals(18, snapshot.retainedSize(weakMap), "the table's size counts as the map's own");
    }

    @Test
    void ignoresEngineReferencesToObjectsTheGlobalObjectReaches() throws IOException {
        int gcRoots = heap.node("synthetic", "(GC roots)", 0);
        int engineCache = heap.node("object", "EngineCache", 5);
        int thing = heap.node("object", "Thing", 100);
        heap.edge(heap.root(), "element", "1", gcRoots).edge(gcRoots, "element", "1", engineCache)
                .edge(engineCache, "property", "thing", thing).edge(global, "property", "thing", thing);
        HeapSnapshot snapshot = heap.read(ReadMode.GRAPH);
        assertEquals(global, heap.graph().immediateDominator(thing));
        assertEquals(110, snapshot.retainedSize(global));
        assertEquals(5, snapshot.retainedSize(engineCache));
    }

    @Test
    void countsAChainOfOneConstructorOnlyAtItsHead() throws IOException {
        int head = heap.node("object", "ListNode", 10);
        int middle = heap.node("object", "ListNode", 10);
        int tail = heap.node("object", "ListNode", 10);
        int payload = heap.node("object", "Payload", 5);
        heap.edge(global, "property", "list", head).edge(head, "property", "next", middle)
                .edge(middle, "property", "next", tail).edge(tail, "property", "payload", payload);
        HeapSnapshot snapshot = heap.read(ReadMode.GRAPH);
        assertEquals(35, snapshot.retainedSize(head));
        assertEquals(35, snapshot.retainedSize("ListNode"));
        assertEquals(5, snapshot.retainedSize("Payload"));
        assertEquals(0, snapshot.retainedSize("NoSuchConstructor"));
    }

    @Test
    void handlesADeepChainWithoutRunningOutOfStack() throws IOException {
        int previous = global;
        for (int i = 0; i < 200_000; i++) {
            int next = heap.node("object", "Link", 1);
            heap.edge(previous, "property", "next", next);
            previous = next;
        }
        HeapSnapshot snapshot = heap.read(ReadMode.GRAPH);
        assertEquals(200_010, snapshot.retainedSize(global));
        assertEquals(200_000, snapshot.retainedSize("Link"));
    }

    @Test
    void agreesWithTheDefinitionOfDominanceOnRandomGraphs() throws IOException {
        Random random = new Random(20240611);
        for (int graph = 0; graph < 30; graph++) {
            SnapshotJson randomHeap = new SnapshotJson();
            int nodeCount = 2 + random.nextInt(60);
            for (int node = 1; node < nodeCount; node++) {
                randomHeap.node("object", "N" + node, 1 + random.nextInt(50));
            }
            randomHeap.edge(randomHeap.root(), "shortcut", "global", 1);
            int edgeCount = random.nextInt(3 * nodeCount);
            for (int edge = 0; edge < edgeCount; edge++) {
                randomHeap.edge(1 + random.nextInt(nodeCount - 1), "property", "p" + edge, 1 + random.nextInt(nodeCount - 1));
            }
            SnapshotGraph references = randomHeap.graph();
            for (int node = 1; node < nodeCount; node++) {
                if (reachable(references, -1, node)) {
                    assertEquals(immediateDominatorByDefinition(references, node), references.immediateDominator(node),
                            "graph " + graph + ", node " + node);
                }
            }
        }
    }

    /** The dominator of {@code node} whose own dominators are all of node's other dominators: brute force. */
    private static int immediateDominatorByDefinition(SnapshotGraph graph, int node) {
        BitSet dominators = new BitSet();
        for (int candidate = 0; candidate < graph.nodeCount(); candidate++) {
            if (candidate != node && !reachable(graph, candidate, node)) {
                dominators.set(candidate);
            }
        }
        for (int candidate = dominators.nextSetBit(0); candidate >= 0; candidate = dominators.nextSetBit(candidate + 1)) {
            boolean dominatedByAllOthers = true;
            for (int other = dominators.nextSetBit(0); other >= 0; other = dominators.nextSetBit(other + 1)) {
                if (other != candidate && reachable(graph, other, candidate)) {
                    dominatedByAllOthers = false;
                }
            }
            if (dominatedByAllOthers) {
                return candidate;
            }
        }
        throw new AssertionError("no immediate dominator for " + node);
    }

    /** Whether {@code target} is reachable from the root without passing through {@code removed}. */
    private static boolean reachable(SnapshotGraph graph, int removed, int target) {
        if (removed == 0) {
            return false;
        }
        BitSet seen = new BitSet();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.add(0);
        seen.set(0);
        while (!work.isEmpty()) {
            int node = work.poll();
            if (node == target) {
                return true;
            }
            for (SnapshotGraph.Edge edge : graph.edges(node)) {
                if (edge.target() != removed && !seen.get(edge.target())) {
                    seen.set(edge.target());
                    work.add(edge.target());
                }
            }
        }
        return false;
    }
}
