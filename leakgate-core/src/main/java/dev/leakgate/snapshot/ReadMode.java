package dev.leakgate.snapshot;

/** How much of a snapshot {@link HeapSnapshotReader} keeps after reading it. */
public enum ReadMode {
    /**
     * Per node only its object id, constructor, type, self size and owned reference count: enough to count and
     * diff constructors and to follow collections.
     */
    SUMMARY,
    /** Also edges, names and source locations: retainer paths, locations and retained sizes. */
    GRAPH
}
