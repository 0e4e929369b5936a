package dev.leakgate.snapshot;

/**
 * One row of the DevTools Comparison view: how a constructor's objects changed between two snapshots
 * of one process, objects matched by id.
 *
 * @param constructor    the constructor (class key), as in the Summary view
 * @param newCount       "# New": objects of the later snapshot whose id the earlier one lacks
 * @param deletedCount   "# Deleted": objects of the earlier snapshot whose id the later one lacks
 * @param countDelta     "# Delta": new minus deleted
 * @param allocatedSize  "Alloc. Size": the self sizes of the new objects
 * @param freedSize      "Freed Size": the self sizes of the deleted objects
 * @param sizeDelta      "Size Delta": allocated minus freed
 */
public record ComparisonRow(String constructor, int newCount, int deletedCount, int countDelta, long allocatedSize,
                            long freedSize, long sizeDelta) {}
