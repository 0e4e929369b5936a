package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.fail;

/** Finds the objects the test script hangs off {@code globalThis.leakgateFixture}. */
final class FixtureObjects {

    private final SnapshotGraph graph;
    private final int fixture;

    FixtureObjects(SnapshotGraph graph) {
        this.graph = graph;
        this.fixture = edge(globalObject(), "leakgateFixture");
    }

    /** The fixture object itself. */
    int fixture() {
        return fixture;
    }

    /** The object the fixture's property holds. */
    int get(String property) {
        return edge(fixture, property);
    }

    /** The node an edge of the given name (property, element index, internal name) leads to. */
    int edge(int node, String name) {
        return graph.edges(node).stream()
                .filter(edge -> edge.name().equals(name))
                .mapToInt(SnapshotGraph.Edge::target)
                .findFirst()
                .orElseGet(() -> fail("No edge '" + name + "' from " + graph.name(node)));
    }

    /** The root's shortcut: the global object up to Node 24, from Node 26 the native context that holds it. */
    private int globalObject() {
        int shortcut = graph.edges(0).stream()
                .filter(edge -> edge.type().equals("shortcut"))
                .mapToInt(SnapshotGraph.Edge::target)
                .findFirst()
                .orElseGet(() -> fail("The root has no shortcut to the global object"));
        return graph.name(shortcut).startsWith("system / NativeContext") ? edge(shortcut, "global_object") : shortcut;
    }
}
