package dev.leakgate.snapshot;

/**
 * What {@link SnapshotParser} reads: the graph (without edges for a summary) with DevTools' self
 * sizes already in place, the plain objects' property lists, the locations when they were asked for,
 * and the number of edges read.
 */
record ParsedSnapshot(HeapGraph graph, PlainObjectShapes shapes, SourceLocations locations, int edgeCount) {}
