package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConstructorNamesTest {

    private HeapSnapshot snapshot;
    private FixtureObjects fixture;

    @BeforeAll
    void readSnapshot() throws IOException {
        snapshot = new HeapSnapshotReader().read(TestSnapshots.first(), ReadMode.GRAPH);
        fixture = new FixtureObjects(SnapshotGraph.read(TestSnapshots.first()));
    }

    @Test
    void countsEveryInstanceOfAClassExactlyOnce() {
        assertEquals(TestSnapshots.RECORDS_IN_S0, TestSnapshots.total(snapshot, "RequestRecord").orElseThrow().count());
        assertEquals(2, TestSnapshots.total(snapshot, "CycleNode").orElseThrow().count());
        assertEquals(TestSnapshots.RECORDS_IN_S0, snapshot.nodesOf("RequestRecord").length);
    }

    @Test
    void namesClassInstancesCollectionsAndNativeObjectsByTheirConstructor() {
        assertEquals("CycleNode", snapshot.constructorOf(fixture.get("cycle")));
        assertEquals("Array", snapshot.constructorOf(fixture.get("handlers")));
        assertEquals("Map", snapshot.constructorOf(fixture.get("sessions")));
        assertEquals("WeakMap", snapshot.constructorOf(fixture.get("weakMap")));
        assertEquals("WeakRef", snapshot.constructorOf(fixture.get("weakRef")));
        assertEquals("Timeout", snapshot.constructorOf(fixture.get("timer")));
        int buffer = fixture.get("buffer");
        assertEquals("Buffer", snapshot.constructorOf(buffer));
        int arrayBuffer = fixture.edge(buffer, "buffer");
        assertEquals("ArrayBuffer", snapshot.constructorOf(arrayBuffer));
        int backingStore = fixture.edge(arrayBuffer, "backing_store");
        assertEquals("native", snapshot.nodeType(backingStore));
        assertEquals("system / JSArrayBufferData", snapshot.constructorOf(backingStore));
        assertEquals(64 * 1024, snapshot.selfSize(backingStore));
    }

    @Test
    void namesClosuresFunctionAsCurrentDevToolsDoes() {
        int handler = fixture.edge(fixture.get("handlers"), "0");
        assertEquals("closure", snapshot.nodeType(handler));
        assertEquals("leakgateHandler", snapshot.nodeName(handler));
        assertEquals("Function", snapshot.constructorOf(handler));
    }

    @Test
    void namesStringsByTheirRepresentation() {
        int concatenated = fixture.edge(fixture.get("texts"), "0");
        assertEquals("(concatenated string)", snapshot.constructorOf(concatenated));
        int url = fixture.edge(snapshot.nodesOf("RequestRecord")[0], "url");
        assertEquals("(string)", snapshot.constructorOf(url));
    }

    @Test
    void namesCommonPlainObjectShapesByTheirProperties() {
        int shape = fixture.edge(fixture.get("shapes"), "0");
        assertEquals("{leakgateUser, leakgateScore}", snapshot.constructorOf(shape));
        // 30 in the array and 10 as Map values.
        assertEquals(40, TestSnapshots.total(snapshot, "{leakgateUser, leakgateScore}").orElseThrow().count());
    }

    @Test
    void keepsObjectForPlainObjectsWithAShapeOfTheirOwn() {
        assertEquals("Object", snapshot.constructorOf(fixture.fixture()));
    }

    @Test
    void givesEveryEngineTypeItsDevToolsName() {
        Map<String, String> expected = Map.of(
                "hidden", "(system)", "code", "(compiled code)", "closure", "Function", "regexp", "RegExp",
                "array", "(array)", "string", "(string)", "number", "(number)", "symbol", "(symbol)",
                "object shape", "(object shape)", "synthetic", "(synthetic)");
        for (int node = 0; node < snapshot.nodeCount(); node++) {
            String type = snapshot.nodeType(node);
            if (expected.containsKey(type)) {
                assertEquals(expected.get(type), snapshot.constructorOf(node), () -> "constructor of a " + type);
            }
        }
    }

    @Test
    void countsInternalsOwnedByOneObjectInThatObjectsSize() {
        int sessions = fixture.get("sessions");
        int table = fixture.edge(sessions, "table");
        assertEquals("(array)", snapshot.constructorOf(table));
        assertEquals(0, snapshot.selfSize(table));
        assertTrue(snapshot.selfSize(sessions) > 400, "the Map's size includes its hash table");
        assertTrue(TestSnapshots.total(snapshot, "(array)").orElseThrow().count() < countOfType("array"),
                "owned arrays leave the (array) row");
    }

    @Test
    void listsNoConstructorWithoutLiveObjects() {
        assertEquals(Optional.empty(), TestSnapshots.total(snapshot, "WeakTarget"), "only weakly held: collected");
        assertEquals(1, TestSnapshots.total(snapshot, "WeakMapValue").orElseThrow().count(), "held by its live key");
        assertEquals(0, snapshot.nodesOf("NoSuchConstructor").length);
    }

    @Test
    void sumsSelfSizesPerConstructorToTheTotalSize() {
        long sum = snapshot.constructors().stream().mapToLong(ConstructorTotal::selfSize).sum();
        assertEquals(snapshot.totalSelfSize(), sum);
    }

    private long countOfType(String type) {
        int count = 0;
        for (int node = 0; node < snapshot.nodeCount(); node++) {
            if (snapshot.nodeType(node).equals(type)) {
                count++;
            }
        }
        return count;
    }
}
