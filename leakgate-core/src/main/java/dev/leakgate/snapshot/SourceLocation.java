package dev.leakgate.snapshot;

/**
 * Where a closure's function, or an object's constructor, is defined: the V8 script id and the
 * 0-based line and column, exactly as in the snapshot (add 1 to show them to people).
 */
public record SourceLocation(int scriptId, int line, int column) {}
