package dev.leakgate.result;

import java.util.List;

/**
 * Heap used over a run, polled while the load runs, with the moments that explain its shape: the start
 * of each phase, each forced GC and each snapshot. Times are milliseconds since the app was ready.
 */
public record HeapTimeline(List<Sample> samples, List<Mark> marks) {

    public enum MarkKind { PHASE, GC, SNAPSHOT }

    public record Sample(long atMillis, long usedBytes) {
    }

    public record Mark(long atMillis, MarkKind kind, String label) {
    }

    public HeapTimeline {
        samples = List.copyOf(samples);
        marks = List.copyOf(marks);
    }

    public static HeapTimeline empty() {
        return new HeapTimeline(List.of(), List.of());
    }
}
