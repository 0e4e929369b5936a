package dev.leakgate.snapshot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The references a collection holds, counted through the stores it owns, on the real test snapshots. */
class OwnedReferencesTest {

    private final HeapSnapshotReader reader = new HeapSnapshotReader();

    @Test
    void arrayPushedToGainsAReferencePerElementAndKeepsItsId() throws IOException {
        HeapSnapshot before = reader.read(TestSnapshots.series().get(0), ReadMode.GRAPH);
        HeapSnapshot after = reader.read(TestSnapshots.series().get(1), ReadMode.GRAPH);
        int leaksBefore = arrayHoldingRecords(before, TestSnapshots.RECORDS_IN_S0);
        int leaksAfter = after.nodeWithObjectId(before.objectId(leaksBefore)).orElseThrow();

        int gained = after.ownedReferenceCount(leaksAfter) - before.ownedReferenceCount(leaksBefore);

        assertTrue(gained >= TestSnapshots.RECORDS_ADDED_PER_SNAPSHOT, "gained " + gained);
        assertEquals(TestSnapshots.RECORDS_IN_S0 + TestSnapshots.RECORDS_ADDED_PER_SNAPSHOT,
                Arrays.stream(after.ownedReferenceTargets(leaksAfter))
                        .filter(node -> after.constructorOf(node).equals("RequestRecord")).distinct().count());
    }

    @Test
    void mapCountsItsEntriesThroughItsHashTable() throws IOException {
        HeapSnapshot snapshot = reader.read(TestSnapshots.first(), ReadMode.GRAPH);
        int sessions = Arrays.stream(snapshot.nodesOf("Map"))
                .filter(node -> Arrays.stream(snapshot.ownedReferenceTargets(node))
                        .anyMatch(target -> snapshot.constructorOf(target).equals("{leakgateUser, leakgateScore}")))
                .findFirst().orElseThrow();

        // 10 keys and 10 values, plus the few references every object has (its shape, its prototype).
        assertTrue(snapshot.ownedReferenceCount(sessions) >= 20, "" + snapshot.ownedReferenceCount(sessions));
    }

    @Test
    void summaryCountsWhatTheGraphCountsOnRealSnapshots() throws IOException {
        for (Path file : TestSnapshots.series()) {
            HeapSnapshot graph = reader.read(file, ReadMode.GRAPH);
            HeapSummary summary = reader.read(file, ReadMode.SUMMARY);
            for (int node = 0; node < graph.nodeCount(); node++) {
                assertEquals(graph.ownedReferenceCount(node), summary.ownedReferenceCount(node), file + ", node " + node);
            }
        }
    }

    /**
     * Random heaps with what makes streaming hard: stores whose edges arrive before their owner's, stores of
     * stores, stores two objects share, weak and duplicate edges, and elements reported both by an object and
     * by its store.
     */
    @Test
    void summaryCountsWhatTheGraphCountsOnRandomHeaps() throws IOException {
        Random random = new Random(20261121);
        List<String> types = List.of("object", "object", "closure", "array", "array", "hidden");
        List<String> edgeTypes = List.of("property", "element", "internal", "hidden", "weak");
        for (int heap = 0; heap < 200; heap++) {
            SnapshotJson json = new SnapshotJson();
            int nodeCount = 2 + random.nextInt(40);
            for (int node = 1; node < nodeCount; node++) {
                json.node(types.get(random.nextInt(types.size())), "N" + node, 1 + random.nextInt(50));
            }
            json.edge(json.root(), "shortcut", "global", 1);
            int edgeCount = random.nextInt(4 * nodeCount);
            for (int edge = 0; edge < edgeCount; edge++) {
                String type = edgeTypes.get(random.nextInt(edgeTypes.size()));
                String name = type.equals("element") || type.equals("hidden") ? Integer.toString(edge) : "p" + edge;
                json.edge(1 + random.nextInt(nodeCount - 1), type, name, 1 + random.nextInt(nodeCount - 1));
            }
            HeapSnapshot graph = json.read(ReadMode.GRAPH);
            HeapSummary summary = json.read(ReadMode.SUMMARY);
            for (int node = 0; node < nodeCount; node++) {
                assertEquals(graph.ownedReferenceCount(node), summary.ownedReferenceCount(node),
                        "heap " + heap + ", node " + node + ":\n" + json.json());
                assertEquals(graph.selfSize(node), summary.selfSize(node), "heap " + heap + ", node " + node);
            }
        }
    }

    private static int arrayHoldingRecords(HeapSnapshot snapshot, int records) {
        return Arrays.stream(snapshot.nodesOf("Array"))
                .filter(node -> Arrays.stream(snapshot.ownedReferenceTargets(node))
                        .filter(target -> snapshot.constructorOf(target).equals("RequestRecord")).count() >= records)
                .findFirst().orElseThrow();
    }
}
