package dev.leakgate.inspector;

/** V8's heap as {@code Runtime.getHeapUsage} reports it. */
public record HeapUsage(long usedBytes) {
}
