package dev.leakgate.analysis;

import dev.leakgate.snapshot.RetainerPath;
import dev.leakgate.snapshot.RetainerPath.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a raw retainer path reads in a report: where it starts, how runs collapse, how a long one is cut. */
class ReadablePathTest {

    private static final UnaryOperator<String> FILE_NAME = script -> script.substring(script.lastIndexOf('/') + 1);

    @Test
    void startsAtTheLastModuleScopeOnThePath() {
        // Reached through a timer's callback whose function closes over the module: the module's variable leads.
        List<Step> steps = List.of(
                new Step("1", "element", "(GC roots)", 1),
                new Step("_onTimeout", "property", "Function", 3, "heartbeat"),
                new Step("context", "internal", "system / Context", 5, "", "file:///srv/app/server.mjs"),
                new Step("rendered", "context", "Map", 7),
                new Step("table", "internal", "(array)", 9),
                new Step("7451", "internal", "(string)", 11));

        ReadablePath path = ReadablePath.of(new RetainerPath(steps), FILE_NAME);

        assertEquals("server.mjs (module) › rendered (Map) › {table} (array) › {7451} › (string)", path.text());
        assertEquals(ReadablePath.StartKind.MODULE, path.start().kind());
        assertEquals(3, path.length());
    }

    @Test
    void collapsesALinkedListIntoOneHopWithItsLength() {
        List<Step> steps = new ArrayList<>(List.of(
                new Step("timerListMap", "context", "Object", 3),
                new Step("3600000", "element", "TimersList", 5)));
        for (int i = 0; i < 5_999; i++) {
            steps.add(new Step("_idleNext", "property", "Timeout", 7 + 2 * i));
        }
        steps.add(0, new Step("context", "internal", "system / Context", 1, "", "node:timers"));

        ReadablePath path = ReadablePath.of(new RetainerPath(steps), FILE_NAME);

        assertEquals("node:timers (module) › timerListMap (Object) › [3600000] (TimersList) › _idleNext (Timeout) ×5,999",
                path.text());
        assertEquals(6_001, path.length());
    }

    @Test
    void keepsAtMostTwelveHopsAndSaysHowManyItLeavesOut() {
        List<Step> steps = new ArrayList<>(List.of(new Step("global", "shortcut", "global", 1)));
        for (int i = 0; i < 20; i++) {
            steps.add(new Step("p" + i, "property", "Node" + i, 3 + 2 * i));
        }

        ReadablePath path = ReadablePath.of(new RetainerPath(steps), FILE_NAME);

        assertEquals(ReadablePath.MAX_HOPS, path.hops().size());
        assertTrue(path.text().startsWith("global › p0 (Node0) › p1 (Node1) › p2 (Node2) › p3 (Node3) › p4 (Node4) › "
                + "… 9 more … › p14 (Node14)"), path.text());
        assertTrue(path.text().endsWith("p19 › Node19"), path.text());
        assertEquals(20, path.length(), "the elided hops still count");
    }

    @Test
    void startsAFunctionScopesVariableAtItsFunction() {
        List<Step> steps = List.of(
                new Step("global", "shortcut", "global", 3),
                new Step("onRequest", "property", "Function", 5, "handler"),
                new Step("context", "internal", "system / Context", 7),
                new Step("seen", "context", "Array", 9),
                new Step("3", "element", "RequestRecord", 11));

        assertEquals("handler() › context › seen (Array) › [3] › RequestRecord",
                ReadablePath.of(new RetainerPath(steps), FILE_NAME).text());
    }

    @Test
    void namesAWeakMapEntryShortly() {
        List<Step> steps = List.of(
                new Step("global", "shortcut", "global (global*) / ", 3),
                new Step("cache", "property", "WeakMap", 5),
                new Step("table", "internal", "(array)", 7),
                new Step("3 / part of key (Object @1) -> value (Object @2) pair in WeakMap (table @3)", "internal",
                        "Object", 9));

        assertEquals("global › cache (WeakMap) › {table} (array) › {WeakMap value} › Object",
                ReadablePath.of(new RetainerPath(steps), FILE_NAME).text());
    }

    @Test
    void aGlobalReadsTheSameWhetherTheRootReachesTheGlobalObjectOrTheNativeContext() {
        // Up to Node 24 the root's shortcut reaches the global object; from Node 26, the native context holding it.
        List<Step> node24 = List.of(
                new Step("global", "shortcut", "global / ", 3),
                new Step("seenRequests", "property", "Array", 5),
                new Step("201", "element", "{url}", 7));
        List<Step> node26 = List.of(
                new Step("2", "shortcut", "(system)", 3),
                new Step("global_object", "internal", "global (global*) / ", 5),
                new Step("seenRequests", "property", "Array", 7),
                new Step("201", "element", "{url}", 9));

        assertEquals("global › seenRequests (Array) › [201] › {url}",
                ReadablePath.of(new RetainerPath(node24), FILE_NAME).text());
        assertEquals("global › seenRequests (Array) › [201] › {url}",
                ReadablePath.of(new RetainerPath(node26), FILE_NAME).text());
    }

    @Test
    void saysWhenNothingStrongReachesTheObject() {
        assertEquals("(not reachable from the GC roots)", ReadablePath.of(new RetainerPath(List.of()), FILE_NAME).text());
    }
}
