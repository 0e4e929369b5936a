package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetainedSizeTest {

    private HeapSnapshot snapshot;
    private SnapshotGraph graph;
    private FixtureObjects fixture;

    @BeforeAll
    void readSnapshot() throws IOException {
        snapshot = new HeapSnapshotReader().read(TestSnapshots.first(), ReadMode.GRAPH);
        graph = SnapshotGraph.read(TestSnapshots.first());
        fixture = new FixtureObjects(graph);
    }

    @Test
    void hangsTheWholeHeapOffTheRoot() {
        assertEquals(snapshot.totalSelfSize(), snapshot.retainedSize(0));
    }

    @Test
    void addsUpARecordAndTheStringOnlyItHolds() {
        int record = snapshot.nodesOf("RequestRecord")[0];
        int url = fixture.edge(record, "url");
        assertEquals(snapshot.selfSize(record) + snapshot.selfSize(url), snapshot.retainedSize(record));
    }

    @Test
    void givesTheLeakingArrayEveryRecordItHolds() {
        long records = Arrays.stream(snapshot.nodesOf("RequestRecord")).mapToLong(snapshot::retainedSize).sum();
        assertEquals(records, snapshot.retainedSize("RequestRecord"), "no record dominates another");
        List<RetainerPath.Step> steps = snapshot.shortestRetainerPath(snapshot.nodesOf("RequestRecord")[0]).steps();
        int leaks = snapshot.nodeWithObjectId(steps.get(steps.size() - 2).objectId()).orElseThrow();
        assertEquals("Array", snapshot.constructorOf(leaks));
        assertTrue(snapshot.retainedSize(leaks) > records, "the array adds its own size to the records'");
    }

    @Test
    void givesAWeakMapValueToItsLiveKey() {
        int key = fixture.get("weakKey");
        int value = snapshot.nodesOf("WeakMapValue")[0];
        assertEquals(key, graph.immediateDominator(value));
        assertTrue(snapshot.retainedSize(key) >= snapshot.selfSize(key) + snapshot.retainedSize(value));
    }
}
