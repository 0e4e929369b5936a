package dev.leakgate.snapshot;

/** One row of the DevTools Summary view: a constructor, its live object count and their self sizes. */
public record ConstructorTotal(String name, int count, long selfSize) {}
