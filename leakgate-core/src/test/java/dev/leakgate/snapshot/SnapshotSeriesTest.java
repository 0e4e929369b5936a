package dev.leakgate.snapshot;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotSeriesTest {

    private final List<HeapSummary> series = new ArrayList<>();

    @BeforeAll
    void readSeries() throws IOException {
        HeapSnapshotReader reader = new HeapSnapshotReader();
        for (Path file : TestSnapshots.series()) {
            series.add(reader.read(file, ReadMode.SUMMARY));
        }
    }

    @Test
    void countsTheGrowthOfAKnownClassInEverySnapshot() {
        for (int i = 0; i < series.size(); i++) {
            int expected = TestSnapshots.RECORDS_IN_S0 + i * TestSnapshots.RECORDS_ADDED_PER_SNAPSHOT;
            assertEquals(expected, TestSnapshots.total(series.get(i), "RequestRecord").orElseThrow().count(), "s" + i);
        }
    }

    @Test
    void keepsTheIdsOfObjectsThatSurviveAndGivesNewObjectsHigherIds() {
        HeapSummary before = series.get(0);
        HeapSummary after = series.get(1);
        Set<Integer> idsBefore = ids(before, "RequestRecord");
        Set<Integer> idsAfter = ids(after, "RequestRecord");
        assertTrue(idsAfter.containsAll(idsBefore), "every record of s0 is still in s1 under the same id");
        Set<Integer> added = idsAfter.stream().filter(id -> !idsBefore.contains(id)).collect(Collectors.toSet());
        assertEquals(TestSnapshots.RECORDS_ADDED_PER_SNAPSHOT, added.size());
        assertTrue(added.stream().allMatch(id -> id > before.maxObjectId()), "new objects have ids above s0's maximum");
        assertTrue(idsBefore.stream().allMatch(id -> id <= before.maxObjectId()));
        assertTrue(after.maxObjectId() > before.maxObjectId());
    }

    @Test
    void listsTheObjectsAllocatedSinceAnEarlierSnapshotOldestFirst() {
        HeapSummary before = series.get(0);
        HeapSummary after = series.get(2);
        int[] added = after.nodesAllocatedAfter("RequestRecord", before.maxObjectId());

        assertEquals(2 * TestSnapshots.RECORDS_ADDED_PER_SNAPSHOT, added.length);
        long[] ids = Arrays.stream(added).mapToLong(node -> Integer.toUnsignedLong(after.objectId(node))).toArray();
        long[] oldestFirst = ids.clone();
        Arrays.sort(oldestFirst);
        assertArrayEquals(oldestFirst, ids);
        assertTrue(Integer.toUnsignedLong(before.maxObjectId()) < ids[0]);
        assertTrue(Arrays.stream(added).allMatch(node -> after.constructorOf(node).equals("RequestRecord")));
        assertEquals(0, after.nodesAllocatedAfter("RequestRecord", after.maxObjectId()).length);
    }

    @Test
    void neverTakesNativeObjectsForObjectsAllocatedSince() throws IOException {
        SnapshotJson heap = new SnapshotJson();
        int oldRecord = heap.node("object", "Record", 40);
        int newRecord = heap.node("object", "Record", 40);
        int oldSocket = heap.node("native", "Socket", 80, 2);
        // V8 may number a native object from its address: far above every JavaScript id, yet no newer.
        int socketWithHighId = heap.node("native", "Socket", 80, 1_000_000);
        for (int node : new int[] {oldRecord, newRecord, oldSocket, socketWithHighId}) {
            heap.edge(heap.root(), "element", Integer.toString(node), node);
        }
        HeapSnapshot snapshot = heap.read(ReadMode.GRAPH);
        int before = SnapshotJson.id(oldRecord);

        assertEquals(SnapshotJson.id(newRecord), snapshot.maxObjectId());
        assertArrayEquals(new int[] {newRecord}, snapshot.nodesAllocatedAfter("Record", before));
        assertArrayEquals(new int[0], snapshot.nodesAllocatedAfter("Socket", before));
    }

    @Test
    void keepsOnlyWhatASummaryNeeds() {
        HeapSummary summary = series.get(0);
        assertTrue(summary.nodeCount() > 10_000);
        assertTrue(summary.edgeCount() > summary.nodeCount());
        assertTrue(summary.totalSelfSize() > 1_000_000);
        int record = summary.nodesOf("RequestRecord")[0];
        assertEquals("RequestRecord", summary.constructorOf(record));
        assertTrue(summary.selfSize(record) > 0);
        // Retainer paths and locations are a graph's: a summary is no HeapSnapshot, so it cannot be asked for them.
        assertFalse(summary instanceof HeapSnapshot);
    }

    @Test
    void readsTheSameTotalsInBothModes() throws IOException {
        HeapSnapshot graph = new HeapSnapshotReader().read(TestSnapshots.first(), ReadMode.GRAPH);
        HeapSummary summary = series.get(0);
        assertEquals(Set.copyOf(summary.constructors()), Set.copyOf(graph.constructors()));
        assertEquals(summary.totalSelfSize(), graph.totalSelfSize());
        assertEquals(summary.maxObjectId(), graph.maxObjectId());
    }

    private static Set<Integer> ids(HeapSummary snapshot, String constructor) {
        return Arrays.stream(snapshot.nodesOf(constructor)).map(snapshot::objectId).boxed().collect(Collectors.toSet());
    }
}
