package dev.leakgate.snapshot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocation stacks of a snapshot taken while V8 tracked allocations (the last of make-leak-snapshots.js). */
class AllocationTracesTest {

    private final HeapSnapshotReader reader = new HeapSnapshotReader();

    @Test
    void everyObjectOfTheTrackedRoundHasTheStackThatMadeIt() throws IOException {
        HeapSnapshot tracked = reader.read(TestSnapshots.leakSeries().get(3), ReadMode.GRAPH);
        HeapSummary before = reader.read(TestSnapshots.leakSeries().get(2), ReadMode.SUMMARY);

        int[] madeWhileTracked = tracked.nodesAllocatedAfter("UserSession", before.maxObjectId());
        assertEquals(TestSnapshots.LEAK_REQUESTS_PER_ROUND, madeWhileTracked.length);
        for (int session : madeWhileTracked) {
            List<TraceFrame> stack = tracked.allocationStack(tracked.allocationTrace(session));
            TraceFrame innermost = stack.get(stack.size() - 1);
            // new UserSession() is charged to its caller: the object is made before the constructor runs.
            assertEquals("rememberSession", innermost.functionName());
            assertTrue(innermost.scriptName().endsWith("make-leak-snapshots.js"), innermost.scriptName());
            assertEquals(40, innermost.line(), "1-based, where the function starts");
            assertEquals("handleRequest", stack.get(stack.size() - 2).functionName());
        }
    }

    @Test
    void objectsMadeBeforeTrackingStartedHaveNoStack() throws IOException {
        HeapSnapshot tracked = reader.read(TestSnapshots.leakSeries().get(3), ReadMode.GRAPH);

        int oldest = tracked.nodesOf("UserSession")[0];
        assertEquals(0, tracked.allocationTrace(oldest));
        assertEquals(List.of(), tracked.allocationStack(0));
    }

    @Test
    void aSnapshotTakenWithoutTrackingHasNoStacks() throws IOException {
        assertFalse(reader.read(TestSnapshots.leakSeries().get(2), ReadMode.GRAPH).hasAllocationTraces());
        assertTrue(reader.read(TestSnapshots.leakSeries().get(3), ReadMode.GRAPH).hasAllocationTraces());
        assertFalse(reader.read(TestSnapshots.leakSeries().get(3), ReadMode.SUMMARY).hasAllocationTraces(),
                "a summary keeps no stacks");
    }
}
