package dev.leakgate.snapshot;

/**
 * Every edge, one column per field: what a {@link ReadMode#GRAPH} snapshot keeps. Needs nothing of the
 * nodes, so it may read the edges while another reader reads the nodes; the targets are checked against
 * the node count with {@link #requireTargetsBelow} once it is known.
 */
final class EdgeColumns extends EdgeReader {

    private final GrowableByteArray types;
    private final GrowableIntArray names;
    private final GrowableIntArray targets;

    EdgeColumns(SnapshotMeta meta, int expected, String source) {
        super(meta, Integer.MAX_VALUE, source);
        types = new GrowableByteArray(expected);
        names = new GrowableIntArray(expected);
        targets = new GrowableIntArray(expected);
    }

    @Override
    void edge(int edge, int type, int name, int target) {
        types.add((byte) type);
        names.add(name);
        targets.add(target);
    }

    byte[] types() {
        return types.toArray();
    }

    int[] names() {
        return names.toArray();
    }

    int[] targets() {
        return targets.toArray();
    }
}
