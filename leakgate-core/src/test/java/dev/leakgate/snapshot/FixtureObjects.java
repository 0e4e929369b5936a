package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.fail;

/** Finds the objects the test script hangs off {@code globalThis.leakgateFixture}. */
final class FixtureObjects {

    private final HeapSnapshot snapshot;
    private final int fixture;

    FixtureObjects(HeapSnapshot snapshot) {
        this.snapshot = snapshot;
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
        return snapshot.edges(node).stream()
                .filter(edge -> edge.name().equals(name))
                .mapToInt(HeapEdge::target)
                .findFirst()
                .orElseGet(() -> fail("No edge '" + name + "' from " + snapshot.constructorOf(node)));
    }

    private int globalObject() {
        return snapshot.edges(0).stream()
                .filter(edge -> edge.type().equals("shortcut"))
                .mapToInt(HeapEdge::target)
                .findFirst()
                .orElseGet(() -> fail("The root has no shortcut to the global object"));
    }
}
