package dev.leakgate.snapshot;

/**
 * What {@link SnapshotParser} reads: the graph (without edges for a summary) with DevTools' self
 * sizes already in place, the plain objects' property lists, the locations when they were asked for,
 * the number of edges read, for a summary the owned reference counts its edges gave (null for a
 * graph, which counts them from its edges when asked), and for a graph taken while V8 tracked allocations
 * the stack that allocated each object.
 */
record ParsedSnapshot(HeapGraph graph, PlainObjectShapes shapes, SourceLocations locations, int edgeCount,
                      int[] ownedReferenceCounts, NodeTraces traces) {}
