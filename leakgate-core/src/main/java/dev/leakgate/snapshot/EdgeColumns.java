package dev.leakgate.snapshot;

/**
 * Every edge, one column per field: what a {@link ReadMode#GRAPH} snapshot keeps. Needs nothing of the
 * nodes, so it may read the edges while another reader reads the nodes; the targets are checked against
 * the node count with {@link #requireTargetsBelow} once it is known.
 */
final class EdgeColumns extends EdgeReader {

    private final GrowableIntArray names;
    private final GrowableIntArray typesAndTargets;

    EdgeColumns(SnapshotMeta meta, int expected, String source) {
        super(meta, Integer.MAX_VALUE, Integer.MAX_VALUE, source);
        names = new GrowableIntArray(expected);
        typesAndTargets = new GrowableIntArray(expected);
    }

    @Override
    void edge(int edge, int type, int name, int target) {
        names.add(name);
        // A target beyond the nodes spills into the type, but is refused once the nodes are counted.
        typesAndTargets.add(HeapGraph.packedEdge(type, target));
    }

    int[] names() {
        return names.toArray();
    }

    /** Types and targets, {@linkplain HeapGraph#packedEdge packed}. */
    int[] typesAndTargets() {
        return typesAndTargets.toArray();
    }
}
