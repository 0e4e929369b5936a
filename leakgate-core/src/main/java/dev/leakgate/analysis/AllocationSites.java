package dev.leakgate.analysis;

import dev.leakgate.inspector.CallFrame;
import dev.leakgate.inspector.SampledAllocation;
import dev.leakgate.snapshot.SourceLocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Attaches to a finding the call stacks that allocated its surviving memory, from V8's sampling heap
 * profiler. The profile does not say which object a sample became, so a stack is matched by its frames: a
 * frame of the finding's constructor, or a frame of a function the finding points at (where its instances
 * are defined, the function whose scope holds a collection); failing that, any frame in the same script.
 */
final class AllocationSites {

    static final int MAX_STACKS = 3;
    private static final int MAX_CALLEES = 2;
    private static final String SEPARATOR = " › ";
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

    private final List<SampledAllocation> survivors;
    private final ScriptCatalog scripts;

    /** @param survivors sampled allocations of the measured rounds that were still alive at the end */
    AllocationSites(List<SampledAllocation> survivors, ScriptCatalog scripts) {
        this.survivors = List.copyOf(survivors);
        this.scripts = scripts;
    }

    /**
     * The stacks that allocated the most surviving memory matching the finding.
     *
     * @param constructor the finding's constructor; matched as a function name when it is an identifier
     * @param anchors     functions the finding points at
     */
    List<AllocationStack> stacksFor(String constructor, List<SourceLocation> anchors) {
        String name = IDENTIFIER.matcher(constructor).matches() ? constructor : null;
        Map<Site, Long> exact = new LinkedHashMap<>();
        Map<Site, Long> sameScript = new LinkedHashMap<>();
        Set<String> anchorScripts = anchors.stream().map(anchor -> Integer.toString(anchor.scriptId()))
                .collect(Collectors.toSet());
        for (SampledAllocation allocation : survivors) {
            List<CallFrame> stack = allocation.stack();
            if (!passesThroughTheApp(stack)) {
                continue; // Node's own bookkeeping (a SafeMap in its internals is still a "Map")
            }
            int matched = innermost(stack, frame -> frame.functionName().equals(name) || isAnchor(frame, anchors));
            if (matched >= 0) {
                exact.merge(site(stack, matched), allocation.bytes(), Long::sum);
                continue;
            }
            int inScript = innermost(stack, frame -> anchorScripts.contains(frame.scriptId()));
            if (inScript >= 0) {
                sameScript.merge(site(stack, inScript), allocation.bytes(), Long::sum);
            }
        }
        return top(exact.isEmpty() ? sameScript : exact);
    }

    /** Whether a frame of the stack runs the app's or its packages' code, not only Node's internals. */
    private static boolean passesThroughTheApp(List<CallFrame> stack) {
        return stack.stream().anyMatch(frame -> !frame.url().isEmpty() && !frame.url().startsWith("node:"));
    }

    private static boolean isAnchor(CallFrame frame, List<SourceLocation> anchors) {
        for (SourceLocation anchor : anchors) {
            if (frame.scriptId().equals(Integer.toString(anchor.scriptId())) && frame.lineNumber() == anchor.line()) {
                return true;
            }
        }
        return false;
    }

    private static int innermost(List<CallFrame> stack, Predicate<CallFrame> test) {
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (test.test(stack.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The matched frame and its caller, then what it called down to the allocating frame; a long tail of
     * callees is cut to its last frames, which are the ones that allocated.
     */
    private String format(List<CallFrame> stack, int matched) {
        List<String> frames = new ArrayList<>();
        for (int i = Math.max(0, matched - 1); i <= matched; i++) {
            frames.add(describe(stack.get(i)));
        }
        int firstCallee = Math.max(matched + 1, stack.size() - MAX_CALLEES);
        if (firstCallee > matched + 1) {
            frames.add("…");
        }
        for (int i = firstCallee; i < stack.size(); i++) {
            frames.add(describe(stack.get(i)));
        }
        return String.join(SEPARATOR, frames);
    }

    private String describe(CallFrame frame) {
        String function = frame.functionName().isEmpty() ? "(anonymous)" : frame.functionName();
        return frame.url().isEmpty() ? function : position(frame) + " " + function;
    }

    /** {@code server.js:14}: where the function starts, 1-based; a builtin's name, which has no position. */
    private String position(CallFrame frame) {
        return frame.url().isEmpty() ? frame.functionName()
                : scripts.displayName(frame.url()) + ":" + (frame.lineNumber() + 1);
    }

    private Site site(List<CallFrame> stack, int matched) {
        return new Site(format(stack, matched), position(stack.get(matched)));
    }

    private static List<AllocationStack> top(Map<Site, Long> bytesByStack) {
        return bytesByStack.entrySet().stream()
                .map(entry -> new AllocationStack(entry.getKey().frames(), entry.getKey().site(), entry.getValue()))
                .sorted(Comparator.comparingLong(AllocationStack::bytes).reversed()
                        .thenComparing(AllocationStack::frames))
                .limit(MAX_STACKS)
                .toList();
    }

    private record Site(String frames, String site) {
    }
}
