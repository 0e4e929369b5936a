package dev.leakgate.snapshot;

/** Every edge, one column per field: what a {@link ReadMode#GRAPH} snapshot keeps. */
final class EdgeColumns extends EdgeReader {

    private final GrowableByteArray types;
    private final GrowableIntArray names;
    private final GrowableIntArray targets;

    EdgeColumns(SnapshotMeta meta, int expected, int nodeCount, String source) {
        super(meta, nodeCount, source);
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
