package dev.leakgate.analysis;

import java.util.List;

/**
 * One call stack that allocated a leak's objects, as V8 tracked it for each object.
 *
 * @param frames  outermost first, the allocating function last
 * @param objects how many of the leak's new objects this stack allocated
 * @param bytes   their self sizes together
 */
public record AllocationStack(List<StackFrame> frames, int objects, long bytes) {

    public AllocationStack {
        frames = List.copyOf(frames);
    }
}
