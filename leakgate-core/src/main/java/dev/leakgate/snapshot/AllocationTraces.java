package dev.leakgate.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The call stacks that allocated a snapshot's objects, when V8 tracked allocations while they were made
 * ({@code HeapProfiler.startTrackingHeapObjects} with {@code trackAllocations}): the snapshot then carries a call
 * tree ({@code trace_tree}), its functions ({@code trace_function_infos}) and for every object allocated while
 * tracking the tree node of its stack ({@code trace_node_id}). Unlike a sampling profile, this is exact per object.
 *
 * <p>V8 records functions, not call sites: a frame's line and column are where its function starts, 1-based (the
 * snapshot's {@code locations} are 0-based).
 */
final class AllocationTraces {

    static final AllocationTraces NONE = new AllocationTraces(new int[0], new int[0], new int[0], new int[0],
            new int[0], new int[1], new int[0], new int[0]);

    /** Per function: string indexes of its name and script name, its script id, and its 1-based start. */
    private final int[] functionNames;
    private final int[] scriptNames;
    private final int[] scriptIds;
    private final int[] lines;
    private final int[] columns;
    /** Per trace node id: its index in the two arrays below, or -1. */
    private final int[] indexOfId;
    private final int[] parents;
    private final int[] functions;

    private AllocationTraces(int[] functionNames, int[] scriptNames, int[] scriptIds, int[] lines, int[] columns,
                             int[] indexOfId, int[] parents, int[] functions) {
        this.functionNames = functionNames;
        this.scriptNames = scriptNames;
        this.scriptIds = scriptIds;
        this.lines = lines;
        this.columns = columns;
        this.indexOfId = indexOfId;
        this.parents = parents;
        this.functions = functions;
    }

    boolean isEmpty() {
        return parents.length == 0;
    }

    /**
     * The frames of a trace node, outermost first, without V8's synthetic root; empty for node 0 (allocated
     * while nothing was tracked) and for ids the tree does not have.
     */
    List<TraceFrame> frames(int traceNodeId, StringTable strings) {
        if (traceNodeId <= 0 || traceNodeId >= indexOfId.length || indexOfId[traceNodeId] < 0) {
            return List.of();
        }
        List<TraceFrame> frames = new ArrayList<>();
        for (int node = indexOfId[traceNodeId]; node >= 0 && parents[node] >= 0; node = parents[node]) {
            int function = functions[node];
            if (function >= 0 && function < functionNames.length) {
                frames.add(new TraceFrame(strings.get(functionNames[function]), strings.get(scriptNames[function]),
                        scriptIds[function], lines[function], columns[function]));
            }
        }
        Collections.reverse(frames);
        return List.copyOf(frames);
    }

    /** Refuses string indexes the strings table does not have, once it is read. */
    void requireNamesBelow(int stringCount, String source) throws SnapshotFormatException {
        for (int f = 0; f < functionNames.length; f++) {
            if (functionNames[f] < 0 || functionNames[f] >= stringCount || scriptNames[f] < 0
                    || scriptNames[f] >= stringCount) {
                throw SnapshotMeta.notASnapshot(source, "trace function " + f + " names a string that is not in \"strings\"");
            }
        }
    }

    /** Collects {@code trace_function_infos} and {@code trace_tree} as the parser meets them. */
    static final class Builder {

        private final SnapshotMeta.TraceLayout layout;
        private final GrowableIntArray functionValues = new GrowableIntArray(0);
        private final GrowableIntArray ids = new GrowableIntArray(0);
        private final GrowableIntArray parents = new GrowableIntArray(0);
        private final GrowableIntArray functions = new GrowableIntArray(0);
        private int largestId;

        Builder(SnapshotMeta.TraceLayout layout) {
            this.layout = layout;
        }

        void functionValue(long value) {
            functionValues.add((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)));
        }

        /** One tree node's fields, children left out; {@code parent} is the index of the node it hangs off, or -1. */
        int node(long[] fields, int parent) {
            int id = (int) Math.min(Integer.MAX_VALUE, Math.max(0, fields[layout.nodeId()]));
            ids.add(id);
            parents.add(parent);
            functions.add((int) Math.min(Integer.MAX_VALUE, Math.max(-1, fields[layout.nodeFunction()])));
            largestId = Math.max(largestId, id);
            return ids.size() - 1;
        }

        AllocationTraces build(String source) throws SnapshotFormatException {
            int fieldCount = layout.functionFieldCount();
            if (ids.isEmpty()) {
                return NONE;
            }
            if (fieldCount == 0 || functionValues.size() % fieldCount != 0) {
                throw SnapshotMeta.notASnapshot(source, "\"trace_function_infos\" does not hold whole functions of "
                        + fieldCount + " numbers");
            }
            int count = functionValues.size() / fieldCount;
            int[] names = new int[count];
            int[] scripts = new int[count];
            int[] scriptIds = new int[count];
            int[] lines = new int[count];
            int[] columns = new int[count];
            for (int f = 0; f < count; f++) {
                int base = f * fieldCount;
                names[f] = functionValues.get(base + layout.functionName());
                scripts[f] = functionValues.get(base + layout.functionScriptName());
                scriptIds[f] = functionValues.get(base + layout.functionScriptId());
                lines[f] = functionValues.get(base + layout.functionLine());
                columns[f] = functionValues.get(base + layout.functionColumn());
            }
            int[] indexOfId = new int[largestId + 1];
            Arrays.fill(indexOfId, -1);
            for (int i = 0; i < ids.size(); i++) {
                indexOfId[ids.get(i)] = i;
            }
            return new AllocationTraces(names, scripts, scriptIds, lines, columns, indexOfId, parents.toArray(),
                    functions.toArray());
        }
    }
}
