package dev.leakgate.gate;

/**
 * One heap snapshot of the series.
 *
 * @param heapUsedBytes sum of the self sizes of all objects in the snapshot, i.e. the heap in use after GC
 */
public record SnapshotInfo(String label, int nodeCount, long heapUsedBytes) {
}
