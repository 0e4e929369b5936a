package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shortest chains of strong references to known objects of a real snapshot, as DevTools' Retainers view finds
 * them but from the app's own module scope: the script that made the snapshot holds its fixture in {@code fixture}
 * and in {@code globalThis.leakgateFixture}, and paths take the module's variable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetainerPathTest {

    private HeapSnapshot snapshot;
    private FixtureObjects fixture;

    @BeforeAll
    void readSnapshot() throws IOException {
        snapshot = new HeapSnapshotReader().read(TestSnapshots.first(), ReadMode.GRAPH);
        fixture = new FixtureObjects(SnapshotGraph.read(TestSnapshots.first()));
    }

    @Test
    void startsAtTheAppsModuleScopeNamedAfterTheScript() {
        int record = snapshot.nodesOf("RequestRecord")[0];
        List<RetainerPath.Step> steps = snapshot.shortestRetainerPath(record).steps();

        RetainerPath.Step last = steps.get(steps.size() - 1);
        assertEquals("element", last.edgeType());
        assertEquals(snapshot.objectId(record), last.objectId());
        RetainerPath.Step array = steps.get(steps.size() - 2);
        assertEquals(List.of("leaks", "context", "Array"), List.of(array.edgeName(), array.edgeType(), array.constructor()));
        RetainerPath.Step moduleScope = steps.get(0);
        assertTrue(moduleScope.module().endsWith("make-test-snapshots.js"), moduleScope.module());
        assertEquals(3, steps.size(), "the module's scope, its leaks array, the record");
    }

    @Test
    void namesAClosureOnThePathByItsFunction() {
        int handler = fixture.edge(fixture.get("handlers"), "3");
        List<RetainerPath.Step> steps = snapshot.shortestRetainerPath(handler).steps();

        assertEquals(List.of("fixture", "handlers", "3"), steps.stream().skip(1).map(RetainerPath.Step::edgeName).toList());
        assertEquals("leakgateHandler", steps.get(steps.size() - 1).functionName());
    }

    @Test
    void reachesAWeakMapValueThroughTheLaterOfItsKeyAndItsTable() {
        // Both must stay alive to keep the value: the key is nearer, so the path goes through the table.
        int value = snapshot.nodesOf("WeakMapValue")[0];
        List<RetainerPath.Step> steps = snapshot.shortestRetainerPath(value).steps();

        assertEquals(List.of("fixture", "weakMap", "table"),
                steps.subList(1, 4).stream().map(RetainerPath.Step::edgeName).toList());
        assertTrue(steps.get(4).edgeName().contains("part of key"), steps.get(4).edgeName());
    }

    @Test
    void followsACycleOnlyAsFarAsTheShortestWayIn() {
        int second = fixture.edge(fixture.get("cycle"), "peer");
        List<RetainerPath.Step> steps = snapshot.shortestRetainerPath(second).steps();

        assertEquals(List.of("fixture", "cycle", "peer"),
                steps.stream().skip(1).map(RetainerPath.Step::edgeName).toList());
    }

    @Test
    void isEmptyForAnObjectNothingStrongReaches() {
        assertEquals(List.of(), snapshot.shortestRetainerPath(snapshot.root()).steps());
    }
}
