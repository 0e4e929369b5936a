package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceLocationTest {

    // 0-based positions in make-test-snapshots.js, as its comments say.
    private static final int REQUEST_RECORD_CONSTRUCTOR_LINE = 11;
    private static final int HANDLER_FUNCTION_LINE = 30;

    private HeapSnapshot snapshot;
    private FixtureObjects fixture;

    @BeforeAll
    void readSnapshot() throws IOException {
        snapshot = new HeapSnapshotReader().read(TestSnapshots.first(), ReadMode.GRAPH);
        fixture = new FixtureObjects(SnapshotGraph.read(TestSnapshots.first()));
    }

    @Test
    void placesAClassInstanceAtItsConstructor() {
        SourceLocation location = snapshot.location(snapshot.nodesOf("RequestRecord")[0]).orElseThrow();
        assertEquals(REQUEST_RECORD_CONSTRUCTOR_LINE, location.line());
        assertEquals(13, location.column());
    }

    @Test
    void placesAClosureAtItsFunctionInTheSameScript() {
        SourceLocation handler = snapshot.location(fixture.edge(fixture.get("handlers"), "0")).orElseThrow();
        SourceLocation record = snapshot.location(snapshot.nodesOf("RequestRecord")[0]).orElseThrow();
        assertEquals(HANDLER_FUNCTION_LINE, handler.line());
        assertEquals(record.scriptId(), handler.scriptId());
    }

    @Test
    void namesTheScriptOfALocationFromTheHeapItself() throws IOException {
        SourceLocation record = snapshot.location(snapshot.nodesOf("RequestRecord")[0]).orElseThrow();
        Path script = Path.of("src", "test", "node", "make-test-snapshots.js").toRealPath();
        assertEquals(script.toString(), snapshot.scriptNames().get(record.scriptId()));
        assertTrue(snapshot.scriptNames().containsValue("node:internal/modules/cjs/loader"),
                "Node's own scripts are named too");
    }

    @Test
    void hasNoLocationForStrings() {
        int text = fixture.edge(fixture.get("texts"), "0");
        assertEquals(java.util.Optional.empty(), snapshot.location(text));
    }
}
