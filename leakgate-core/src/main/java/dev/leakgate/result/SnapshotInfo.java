package dev.leakgate.result;

import dev.leakgate.analysis.Census;

/**
 * One heap snapshot of the series.
 *
 * @param heapUsedBytes sum of the self sizes of all objects in the snapshot, i.e. the heap in use after GC
 */
public record SnapshotInfo(String label, int nodeCount, long heapUsedBytes) {

    public static SnapshotInfo of(Census census) {
        return new SnapshotInfo(census.label(), census.nodeCount(), census.totalSize());
    }
}
