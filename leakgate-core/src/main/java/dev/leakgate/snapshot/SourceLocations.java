package dev.leakgate.snapshot;

import java.util.Arrays;
import java.util.Optional;

/** The snapshot's {@code locations} array, looked up by node ordinal. */
final class SourceLocations {

    private static final SourceLocations NONE = new SourceLocations(new int[0], new int[0], new int[0], new int[0]);

    private final int[] nodes;
    private final int[] scriptIds;
    private final int[] lines;
    private final int[] columns;

    private SourceLocations(int[] nodes, int[] scriptIds, int[] lines, int[] columns) {
        this.nodes = nodes;
        this.scriptIds = scriptIds;
        this.lines = lines;
        this.columns = columns;
    }

    static SourceLocations none() {
        return NONE;
    }

    /** Reads the flat {@code locations} numbers; entries are sorted by node for binary search. */
    static SourceLocations from(int[] raw, SnapshotMeta meta, int nodeCount, String source)
            throws SnapshotFormatException {
        if (!meta.hasLocations() || raw.length == 0) {
            return NONE;
        }
        int fields = meta.locationFieldCount();
        int count = raw.length / fields;
        long[] byNode = new long[count];
        for (int i = 0; i < count; i++) {
            int nodeIndex = raw[i * fields + meta.locationNodeField()];
            int node = nodeIndex / meta.nodeFieldCount();
            if (nodeIndex % meta.nodeFieldCount() != 0 || node < 0 || node >= nodeCount) {
                throw SnapshotMeta.notASnapshot(source, "locations[" + i + "] points at no node (" + nodeIndex + ")");
            }
            byNode[i] = ((long) node << 32) | i;
        }
        Arrays.sort(byNode);
        int[] nodes = new int[count];
        int[] scriptIds = new int[count];
        int[] lines = new int[count];
        int[] columns = new int[count];
        for (int k = 0; k < count; k++) {
            int entry = (int) byNode[k] * fields;
            nodes[k] = (int) (byNode[k] >>> 32);
            scriptIds[k] = raw[entry + meta.locationScriptField()];
            lines[k] = raw[entry + meta.locationLineField()];
            columns[k] = raw[entry + meta.locationColumnField()];
        }
        return new SourceLocations(nodes, scriptIds, lines, columns);
    }

    int size() {
        return nodes.length;
    }

    /** The node of the k-th location, in node order. */
    int node(int k) {
        return nodes[k];
    }

    int scriptId(int k) {
        return scriptIds[k];
    }

    SourceLocation at(int k) {
        return new SourceLocation(scriptIds[k], lines[k], columns[k]);
    }

    Optional<SourceLocation> of(int node) {
        int k = Arrays.binarySearch(nodes, node);
        return k < 0 ? Optional.empty() : Optional.of(new SourceLocation(scriptIds[k], lines[k], columns[k]));
    }
}
