package dev.leakgate.analysis;

import dev.leakgate.snapshot.HeapSnapshot;
import dev.leakgate.snapshot.HeapSnapshotReader;
import dev.leakgate.snapshot.ReadMode;
import dev.leakgate.snapshot.TestSnapshots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where leaks come from, read off the allocation stacks of the last snapshot of make-leak-snapshots.js, with no app
 * to ask about lines (as the compare command reads files): the functions, and where closures are defined.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeakLocatorTest {

    private LeakSeries series;
    private List<Leak> leaks;

    @BeforeAll
    void analyse() throws IOException {
        series = LeakSeries.read(TestSnapshots.leakSeries());
        leaks = series.leaks().stream().filter(Leak::failing).toList();
    }

    @Test
    void theStackThatMadeALeaksObjectsEndsInTheAppFunctionThatMadeThem() {
        Leak sessions = locate("UserSession");

        AllocationStack stack = sessions.origin().stacks().get(0);
        StackFrame innermost = stack.frames().get(stack.frames().size() - 1);
        assertEquals("rememberSession", innermost.function());
        assertEquals(StackFrame.Origin.APP, innermost.origin());
        assertTrue(stack.objects() >= TestSnapshots.LEAK_REQUESTS_PER_ROUND, stack.toString());
        // Without an app to ask, the line the Map is filled on is not known: the function's start stands for it.
        FixSite site = sessions.origin().fixSite();
        assertEquals(FixSite.Kind.FUNCTION, site.kind());
        assertEquals(script() + ":40:25", site.location().text());
    }

    @Test
    void aLeakOfClosuresPointsAtWhereTheAppDefinesThem() {
        FixSite site = locate("onReload()").origin().fixSite();

        assertEquals(FixSite.Kind.CLOSURE, site.kind());
        assertEquals(46, site.location().line(), site.toString());
    }

    @Test
    void withoutStacksTheLeakSaysHowToGetThem() throws IOException {
        HeapSnapshot untracked = new HeapSnapshotReader().read(TestSnapshots.leakSeries().get(2), ReadMode.GRAPH);
        LeakLocator locator = new LeakLocator(untracked, ScriptCatalog.empty(Path.of(".")), SourceProbe.NONE);
        Leak leak = locator.locate(leaks.get(0), series.censuses().get(0).maxObjectId(), List.of());

        assertNull(leak.origin().fixSite());
        assertTrue(leak.origin().note().startsWith("The snapshot carries no allocation stacks"), leak.origin().note());
    }

    private Leak locate(String subject) {
        Leak leak = leaks.stream().filter(candidate -> candidate.subject().label().equals(subject)).findFirst()
                .orElseThrow();
        return new LeakLocator(series.last(), ScriptCatalog.empty(Path.of(".")), SourceProbe.NONE)
                .locate(leak, series.censuses().get(2).maxObjectId(), List.of());
    }

    private static String script() {
        return Path.of("src", "test", "node", "make-leak-snapshots.js").toString();
    }
}
