package dev.leakgate.it;

import dev.leakgate.analysis.Leak;
import dev.leakgate.gate.Console;
import dev.leakgate.it.AppUnderTest.Workload;
import dev.leakgate.load.RequestSpec;
import dev.leakgate.result.GateResult;
import dev.leakgate.result.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A render pool on {@code worker_threads}: a leak in the worker fails the build in the worker's own code, a clean pool
 * passes, and a leak on the main thread next to a clean worker is the main thread's.
 */
class WorkerThreadsTest {

    private static final String POOL = "workers/render-pool.js";
    private static final String WORKER = "worker 1: render-worker.js";

    @TempDir
    Path output;

    @AfterEach
    void noProcessOutlivesTheRun() {
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().toString()).toList());
    }

    @Test
    void aWorkerThatKeepsEveryJobFailsAtTheWorkersLine() {
        Leak leak = theOneFailingLeak(judge(Map.of("KEEP_JOBS", "1")));

        assertEquals(WORKER, leak.thread());
        assertEquals("workers/render-worker.js:16:5", leak.origin().fixSite().location().text(), leak.title());
        assertEquals("keptJobs.push keeps RenderedPage objects (+1.00 per request)", leak.title());
        assertTrue(leak.retainerPath().text().startsWith("workers/render-worker.js (module) › keptJobs (Array)"),
                leak.retainerPath().text());
    }

    @Test
    void theSamePoolWithoutTheLeakPasses() {
        GateResult result = judge(Map.of());

        assertEquals(Verdict.PASS, result.verdict(), result.reason());
    }

    @Test
    void aLeakOnTheMainThreadNextToACleanWorkerIsTheMainThreads() {
        Leak leak = theOneFailingLeak(judge(Map.of("KEEP_REQUESTS", "1")));

        assertEquals(Leak.MAIN_THREAD, leak.thread());
        assertEquals("workers/render-pool.js:31:5", leak.origin().fixSite().location().text(), leak.title());
    }

    private GateResult judge(Map<String, String> environment) {
        return AppUnderTest.judge(POOL, environment, output, new Workload(List.of(RequestSpec.get("/")), List.of(),
                false), Console.NONE);
    }

    private static Leak theOneFailingLeak(GateResult result) {
        assertEquals(Verdict.LEAK, result.verdict(), result.reason());
        assertEquals(1, result.failingLeaks().size(), result.failingLeaks().stream().map(Leak::title).toList().toString());
        return result.failingLeaks().get(0);
    }
}
