package dev.leakgate.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot's references as the parser reads them, for tests that walk the graph themselves. Node ordinals
 * are those of the {@link HeapSnapshot} read from the same input.
 */
final class SnapshotGraph {

    /**
     * One outgoing reference of a node.
     *
     * @param name   the property, variable or internal name; the index as text for elements
     * @param type   the V8 edge type: context, element, property, internal, hidden, shortcut or weak
     * @param target the node ordinal the edge points to
     */
    record Edge(String name, String type, int target) {
    }

    private final HeapGraph graph;
    private DominatorTree dominators;

    private SnapshotGraph(HeapGraph graph) {
        this.graph = graph;
    }

    static SnapshotGraph read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static SnapshotGraph read(InputStream in, String sourceName) throws IOException {
        return new SnapshotGraph(new SnapshotParser().parse(in, sourceName, ReadMode.GRAPH, ArrayReading.INLINE).graph());
    }

    int nodeCount() {
        return graph.nodeCount();
    }

    /** The node's own name: the constructor of an object, the function name of a closure. */
    String name(int node) {
        return graph.name(node);
    }

    /** The node's outgoing references, in snapshot order. */
    List<Edge> edges(int node) {
        List<Edge> edges = new ArrayList<>();
        for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
            edges.add(new Edge(graph.edgeName(edge), graph.edgeTypeName(edge), graph.edgeTarget(edge)));
        }
        return edges;
    }

    /** The node every path from the root to this one passes through last; the root is its own dominator. */
    int immediateDominator(int node) {
        if (dominators == null) {
            dominators = DominatorTree.of(graph);
        }
        return dominators.dominatorOf(node);
    }
}
