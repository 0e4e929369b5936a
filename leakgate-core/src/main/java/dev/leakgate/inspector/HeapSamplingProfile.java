package dev.leakgate.inspector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What V8's sampling heap profiler ({@code HeapProfiler.stopSampling}) returns, flattened from its call
 * tree to one entry per stack that allocated sampled memory.
 */
public record HeapSamplingProfile(List<SampledAllocation> allocations) {

    public HeapSamplingProfile {
        allocations = List.copyOf(allocations);
    }

    /** Flattens the {@code head} node of a {@code SamplingHeapProfile}; the synthetic (root) frame is left out. */
    static HeapSamplingProfile fromTree(JsonObject head) throws InspectorException {
        List<SampledAllocation> allocations = new ArrayList<>();
        Deque<Visit> pending = new ArrayDeque<>();
        pending.push(new Visit(head, List.of()));
        while (!pending.isEmpty()) {
            Visit visit = pending.pop();
            List<CallFrame> stack = visit.node == head ? List.of() : append(visit.stack, callFrame(visit.node));
            Number selfSize = visit.node.number("selfSize");
            if (selfSize != null && selfSize.longValue() > 0 && !stack.isEmpty()) {
                allocations.add(new SampledAllocation(stack, selfSize.longValue()));
            }
            if (visit.node.get("children") instanceof List<?> children) {
                for (Object child : children) {
                    if (!(child instanceof JsonObject childNode)) {
                        throw new InspectorException("HeapProfiler.stopSampling returned a profile node that is not an object: " + child);
                    }
                    pending.push(new Visit(childNode, stack));
                }
            }
        }
        return new HeapSamplingProfile(allocations);
    }

    private static CallFrame callFrame(JsonObject node) {
        JsonObject frame = node.object("callFrame");
        return new CallFrame(orEmpty(frame.string("functionName")), orEmpty(frame.string("scriptId")),
                orEmpty(frame.string("url")), intOr(frame.number("lineNumber"), -1));
    }

    private static List<CallFrame> append(List<CallFrame> stack, CallFrame frame) {
        List<CallFrame> longer = new ArrayList<>(stack.size() + 1);
        longer.addAll(stack);
        longer.add(frame);
        return longer;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static int intOr(Number value, int fallback) {
        return value == null ? fallback : value.intValue();
    }

    private record Visit(JsonObject node, List<CallFrame> stack) {
    }
}
