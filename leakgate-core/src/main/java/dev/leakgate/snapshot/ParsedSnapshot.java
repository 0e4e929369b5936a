package dev.leakgate.snapshot;

/**
 * What {@link SnapshotParser} reads: the graph (without edges for a summary) with DevTools' self
 * sizes already in place, the plain objects' property lists, the locations when they were asked for,
 * the number of edges read, and for a summary the owned reference counts its edges gave (null for a
 * graph, which counts them from its edges when asked).
 */
record ParsedSnapshot(HeapGraph graph, PlainObjectShapes shapes, SourceLocations locations, int edgeCount,
                      int[] ownedReferenceCounts) {}
