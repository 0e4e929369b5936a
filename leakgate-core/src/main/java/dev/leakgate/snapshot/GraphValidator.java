package dev.leakgate.snapshot;

/**
 * Checks that every number in a freshly read graph points where it should, so that the rest of the
 * engine can index arrays without checks and a damaged file fails with a clear message.
 */
final class GraphValidator {

    private final HeapGraph graph;
    private final String source;

    GraphValidator(HeapGraph graph, String source) {
        this.graph = graph;
        this.source = source;
    }

    void validate() throws SnapshotFormatException {
        int nodeCount = graph.nodeCount();
        if (graph.root() < 0 || graph.root() >= nodeCount) {
            throw problem("the root_index points at no node");
        }
        if (graph.edgesEnd(nodeCount - 1) != graph.edgeCount()) {
            throw problem("the nodes' edge counts add up to " + graph.edgesEnd(nodeCount - 1) + " but \"edges\" holds "
                    + graph.edgeCount() + " edges");
        }
        int nodeTypes = graph.meta().nodeTypes().size();
        for (int node = 0; node < nodeCount; node++) {
            if (graph.nodeType(node) < 0 || graph.nodeType(node) >= nodeTypes) {
                throw problem("node " + node + " has an unknown type " + graph.nodeType(node));
            }
            checkString(graph.nameIndex(node), "node " + node);
        }
        int edgeTypes = graph.meta().edgeTypes().size();
        for (int edge = 0; edge < graph.edgeCount(); edge++) {
            if (graph.edgeType(edge) < 0 || graph.edgeType(edge) >= edgeTypes) {
                throw problem("edge " + edge + " has an unknown type " + graph.edgeType(edge));
            }
            if (graph.edgeTarget(edge) < 0 || graph.edgeTarget(edge) >= nodeCount) {
                throw problem("edge " + edge + " points at no node");
            }
            if (graph.hasStringName(edge)) {
                checkString(graph.edgeNameIndex(edge), "edge " + edge);
            }
        }
    }

    private void checkString(int index, String owner) throws SnapshotFormatException {
        if (index < 0 || index >= graph.stringCount()) {
            throw problem(owner + " names string " + index + " but there are " + graph.stringCount() + " strings");
        }
    }

    private SnapshotFormatException problem(String detail) {
        return SnapshotMeta.notASnapshot(source, detail);
    }
}
