package dev.leakgate.snapshot;

/**
 * How much of a snapshot {@link HeapSnapshotReader} keeps after reading it, and so which type it reads it as.
 *
 * @param <S> the snapshot type this mode gives
 */
public final class ReadMode<S extends HeapSummary> {

    /**
     * Per node only its object id, constructor, type, self size and owned reference count: enough to count and
     * diff constructors and to follow collections. The edges are used as they stream by, never stored.
     */
    public static final ReadMode<HeapSummary> SUMMARY = new ReadMode<>("SUMMARY");
    /** Also edges, names and source locations: retainer paths, locations and retained sizes. */
    public static final ReadMode<HeapSnapshot> GRAPH = new ReadMode<>("GRAPH");

    private final String name;

    private ReadMode(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
