package dev.leakgate.snapshot;

/** What {@link SnapshotParser} reads: the graph, and the locations when they were asked for. */
record ParsedSnapshot(HeapGraph graph, SourceLocations locations) {}
