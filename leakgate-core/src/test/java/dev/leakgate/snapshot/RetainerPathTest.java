package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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
    void startsAModuleVariablesPathAtItsModule() {
        int record = snapshot.nodesOf("RequestRecord")[0];
        RetainerPath path = snapshot.shortestRetainerPath(record);
        String formatted = path.format();
        assertTrue(formatted.matches("make-test-snapshots\\.js \\(module\\) › leaks \\(Array\\) › \\[\\d+] › RequestRecord"),
                formatted);
        RetainerPath.Step last = path.steps().get(path.steps().size() - 1);
        assertEquals("element", last.edgeType());
        assertEquals(snapshot.objectId(record), last.objectId());
        assertEquals("shortcut", path.steps().get(0).edgeType(), "the walk starts at the global object");
    }

    @Test
    void startsAGlobalsPathAtTheGlobalObject() {
        int handler = fixture.edge(fixture.get("handlers"), "3");
        assertEquals("global › leakgateFixture (Object) › handlers (Array) › [3] › leakgateHandler()",
                snapshot.shortestRetainerPath(handler).format());
    }

    @Test
    void reachesAWeakMapValueThroughTheLaterOfItsKeyAndItsTable() {
        // Both must stay alive to keep the value: the key is nearer, so the path goes through the table.
        int value = snapshot.nodesOf("WeakMapValue")[0];
        assertEquals("global › leakgateFixture (Object) › weakMap (WeakMap) › {table} (array) › {WeakMap value} › "
                + "WeakMapValue",
                snapshot.shortestRetainerPath(value).format());
    }

    @Test
    void followsACycleOnlyAsFarAsTheShortestWayIn() {
        int second = fixture.edge(fixture.get("cycle"), "peer");
        assertEquals("global › leakgateFixture (Object) › cycle (CycleNode) › peer › CycleNode",
                snapshot.shortestRetainerPath(second).format());
    }

    @Test
    void formatsElementsPropertiesAndInternalReferencesForReaders() {
        RetainerPath path = new RetainerPath(List.of(
                new RetainerPath.Step("1", "element", "(synthetic)", 3),
                new RetainerPath.Step("12", "internal", "(array)", 5),
                new RetainerPath.Step("cache", "property", "Map", 7)));
        assertEquals("(synthetic) › {12} (array) › cache › Map", path.format());
        assertEquals("(not reachable from the GC roots)", new RetainerPath(List.of()).format());
    }

    @Test
    void startsAFunctionScopesVariableAtItsFunctionAndAModuleScopesAtItsModule() {
        List<RetainerPath.Step> throughFunction = List.of(
                new RetainerPath.Step("global", "shortcut", "global", 3),
                new RetainerPath.Step("onRequest", "property", "Function", 5, "handler"),
                new RetainerPath.Step("context", "internal", "system / Context", 7),
                new RetainerPath.Step("seen", "context", "Array", 9),
                new RetainerPath.Step("3", "element", "RequestRecord", 11));
        assertEquals("handler() › context › seen (Array) › [3] › RequestRecord",
                new RetainerPath(throughFunction).format());
        List<RetainerPath.Step> throughModule = List.of(throughFunction.get(0), throughFunction.get(1),
                new RetainerPath.Step("context", "internal", "system / Context", 7, "", "/srv/app/server.js"),
                throughFunction.get(3), throughFunction.get(4));
        assertEquals("server.js (module) › seen (Array) › [3] › RequestRecord", new RetainerPath(throughModule).format());
    }
}
