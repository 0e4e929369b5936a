package dev.leakgate.inspector;

import java.util.List;

/**
 * Sampled memory allocated by one call stack.
 *
 * @param stack the frames, outermost first, allocating function last
 * @param bytes V8's estimate of the bytes this stack allocated, scaled up from the samples
 */
public record SampledAllocation(List<CallFrame> stack, long bytes) {

    public SampledAllocation {
        stack = List.copyOf(stack);
    }
}
