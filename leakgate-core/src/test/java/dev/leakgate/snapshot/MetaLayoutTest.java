package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaLayoutTest {

    @Test
    void readsFieldsWhereverTheMetaPutsThem() throws IOException {
        for (SnapshotJson heap : List.of(sample(), sample().withFieldsReversed())) {
            HeapSnapshot snapshot = heap.read(ReadMode.GRAPH);
            assertEquals(3, snapshot.nodeCount());
            assertEquals(2, snapshot.edgeCount());
            assertEquals("Session", snapshot.constructorOf(2));
            assertEquals(SnapshotJson.id(2), snapshot.objectId(2));
            assertEquals(64, snapshot.selfSize(2));
            assertEquals(List.of(new RetainerPath.Step("global", "shortcut", "global", SnapshotJson.id(1)),
                    new RetainerPath.Step("session", "property", "Session", SnapshotJson.id(2))),
                    snapshot.shortestRetainerPath(2).steps());
        }
    }

    private static SnapshotJson sample() {
        SnapshotJson heap = new SnapshotJson();
        int global = heap.node("object", "global", 16);
        int session = heap.node("object", "Session", 64);
        heap.edge(heap.root(), "shortcut", "global", global).edge(global, "property", "session", session);
        return heap;
    }
}
