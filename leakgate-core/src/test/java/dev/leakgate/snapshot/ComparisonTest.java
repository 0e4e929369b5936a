package dev.leakgate.snapshot;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Comparison view between s1 and s2 of the test script, whose churn phase says what comes and goes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonTest {

    private HeapSummary s1;
    private HeapSnapshot s2;
    private Comparison comparison;

    @BeforeAll
    void compare() throws IOException {
        HeapSnapshotReader reader = new HeapSnapshotReader();
        s1 = reader.read(TestSnapshots.series().get(1), ReadMode.SUMMARY);
        s2 = reader.read(TestSnapshots.series().get(2), ReadMode.GRAPH);
        comparison = Comparison.between(ObjectIds.of(s1), s2);
    }

    @Test
    void countsNewAndDeletedInstancesOfAClassWithTheirSizes() {
        ComparisonRow sessions = row("Session");
        long sessionSize = s2.selfSize(s2.nodesOf("Session")[0]);
        assertEquals(new ComparisonRow("Session", 20, 10, 10, 20 * sessionSize, 10 * sessionSize, 10 * sessionSize),
                sessions);
    }

    @Test
    void countsOnlyNewObjectsOfAClassThatOnlyGrew() {
        ComparisonRow records = row("RequestRecord");
        assertEquals(TestSnapshots.RECORDS_ADDED_PER_SNAPSHOT, records.newCount());
        assertEquals(0, records.deletedCount());
        assertEquals(0, records.freedSize());
        assertEquals(records.allocatedSize(), records.sizeDelta());
    }

    @Test
    void countsClosuresArraysAndMaps() {
        assertCounts(row("Function"), 7, 3);
        assertCounts(row("Array"), 4, 1);
        assertCounts(row("Map"), 2, 1);
        assertTrue(row("Map").allocatedSize() > 2 * 100, "a Map's size includes its hash table");
    }

    @Test
    void countsNativeObjectsByTheirSelfSize() {
        assertCounts(row("Buffer"), 3, 1);
        ComparisonRow backingStores = row("system / JSArrayBufferData");
        assertTrue(backingStores.newCount() >= 3, backingStores.toString());
        assertTrue(backingStores.allocatedSize() >= 3 * 2048, backingStores.toString());
        assertTrue(backingStores.freedSize() >= 2048, backingStores.toString());
    }

    @Test
    void countsNewStrings() {
        ComparisonRow strings = row("(string)");
        // 50 URLs and 5 strings of 100 characters; V8 may keep a few more of its own.
        assertTrue(strings.newCount() >= 55, strings.toString());
        assertTrue(strings.allocatedSize() >= 5 * 100, strings.toString());
    }

    @Test
    void leavesOutConstructorsThatDidNotChange() {
        assertFalse(comparison.row("CycleNode").isPresent());
        assertFalse(comparison.row("{leakgateUser, leakgateScore}").isPresent());
    }

    @Test
    void keepsEveryRowsColumnsConsistentAndPutsTheBiggestGrowthFirst() {
        for (ComparisonRow row : comparison.rows()) {
            assertEquals(row.newCount() - row.deletedCount(), row.countDelta(), row.toString());
            assertEquals(row.allocatedSize() - row.freedSize(), row.sizeDelta(), row.toString());
            assertTrue(row.newCount() > 0 || row.deletedCount() > 0, row.toString());
        }
        for (int i = 1; i < comparison.rows().size(); i++) {
            assertTrue(comparison.rows().get(i - 1).sizeDelta() >= comparison.rows().get(i).sizeDelta());
        }
    }

    @Test
    void addsUpToTheChangeOfEachConstructorsSummary() {
        for (String constructor : new String[] {"Session", "RequestRecord", "Function", "Map", "Array"}) {
            ComparisonRow row = row(constructor);
            int before = TestSnapshots.total(s1, constructor).orElseThrow().count();
            int after = TestSnapshots.total(s2, constructor).orElseThrow().count();
            assertEquals(after - before, row.countDelta(), constructor);
        }
    }

    @Test
    void findsNothingNewBetweenASnapshotAndItself() {
        assertEquals(0, Comparison.between(ObjectIds.of(s1), s1).rows().size());
    }

    @Test
    void namesBothSnapshots() {
        assertEquals(s1.sourceName(), comparison.baseline());
        assertEquals(s2.sourceName(), comparison.target());
    }

    private ComparisonRow row(String constructor) {
        return comparison.row(constructor)
                .orElseThrow(() -> new AssertionError("no row for " + constructor + " in " + comparison.rows()));
    }

    private static void assertCounts(ComparisonRow row, int expectedNew, int expectedDeleted) {
        assertEquals(expectedNew, row.newCount(), row.toString());
        assertEquals(expectedDeleted, row.deletedCount(), row.toString());
    }
}
