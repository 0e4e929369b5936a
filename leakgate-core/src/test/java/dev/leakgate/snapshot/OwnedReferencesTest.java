package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

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

    private static int arrayHoldingRecords(HeapSnapshot snapshot, int records) {
        return Arrays.stream(snapshot.nodesOf("Array"))
                .filter(node -> Arrays.stream(snapshot.ownedReferenceTargets(node))
                        .filter(target -> snapshot.constructorOf(target).equals("RequestRecord")).count() >= records)
                .findFirst().orElseThrow();
    }
}
