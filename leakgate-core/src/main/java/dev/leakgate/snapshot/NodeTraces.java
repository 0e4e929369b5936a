package dev.leakgate.snapshot;

import java.util.List;

/** Which allocation stack made each node: a trace node id per node (0 for none), and the tree that resolves it. */
record NodeTraces(int[] traceIds, AllocationTraces tree) {

    static final NodeTraces NONE = new NodeTraces(null, AllocationTraces.NONE);

    boolean isEmpty() {
        return traceIds == null;
    }

    int traceOf(int node) {
        return traceIds == null ? 0 : traceIds[node];
    }

    List<TraceFrame> frames(int traceNodeId, StringTable strings) {
        return tree.frames(traceNodeId, strings);
    }
}
