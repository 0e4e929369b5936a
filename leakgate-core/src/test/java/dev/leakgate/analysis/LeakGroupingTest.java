package dev.leakgate.analysis;

import dev.leakgate.snapshot.TestSnapshots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three independent causes leak in one process (see {@code make-leak-snapshots.js}): each must come out as one leak,
 * the findings it makes grow under it, decided from the heap alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeakGroupingTest {

    private List<Leak> leaks;

    @BeforeAll
    void analyse() throws IOException {
        leaks = LeakSeries.read(TestSnapshots.leakSeries()).leaks().stream().filter(Leak::failing).toList();
    }

    @Test
    void threeIndependentCausesAreThreeLeaks() {
        assertEquals(Set.of("UserSession", "onReload()", "RequestLogger"),
                leaks.stream().map(leak -> leak.subject().label()).collect(Collectors.toSet()), describe());
    }

    @Test
    void aMapKeepingObjectsLeadsTheObjectsItKeepsAndWhatTheyKeep() {
        Leak sessions = leak("UserSession");

        assertEquals("Map", sessions.cause().constructor());
        assertEquals(Shape.COLLECTION, sessions.cause().shape());
        assertTrue(constructors(sessions).containsAll(List.of("UserSession", "Date")), describe());
        assertTrue(sessions.retainerPath().text().matches(".*make-leak-snapshots\\.js \\(module\\) › sessions \\(Map\\) "
                + "› \\{table} \\(array\\) › \\{\\d+} › UserSession"), sessions.retainerPath().text());
        assertEquals(new PathShare(600, 600), sessions.pathShare(), "every new Session is kept the same way");
        assertEquals("sessions", sessions.objects().containerName());
    }

    @Test
    void aListenerArrayLeadsAndNamesTheClosuresItKeeps() {
        Leak listeners = leak("onReload()");

        assertEquals(Shape.COLLECTION, listeners.cause().shape());
        assertEquals(1.0, listeners.subject().growthPerRequest(), 0.01);
        assertTrue(listeners.retainerPath().text().matches(".*configBus \\(EventEmitter\\) › _events \\(Object\\) › "
                + "reload \\(Array\\) › \\[\\d+] › onReload\\(\\)"), listeners.retainerPath().text());
    }

    @Test
    void aConstructorWhoseObjectsServeTwoCausesIsListedUnderTheOneKeepingMostOfThem() {
        // Closures: one onReload per request, five for the logger's events. The Function finding counts them all.
        assertEquals(List.of("RequestLogger"), leaks.stream()
                .filter(leak -> constructors(leak).contains("Function")).map(leak -> leak.subject().label()).toList());
    }

    @Test
    void objectsKeptByFiveListenerArraysTogetherAreOneLeakThatNoArrayOwns() {
        // No single array dominates a logger: each of its five closures sits in another array.
        Leak loggers = leak("RequestLogger");

        assertEquals("RequestLogger", loggers.cause().constructor(), "the objects themselves lead when nothing owns them");
        long arrays = loggers.findings().stream().filter(finding -> finding.shape() == Shape.COLLECTION).count();
        assertEquals(5, arrays, describe());
        assertTrue(loggers.retainerPath().text().contains("sharedStream (EventEmitter) › _events (Object) › "),
                loggers.retainerPath().text());
    }

    @Test
    void eachFindingBelongsToExactlyOneLeak() {
        List<Finding> all = SeriesAnalyzer.findingsOf(leaks);
        assertEquals(all.size(), Set.copyOf(all).size(), describe());
    }

    @Test
    void theSameLeakHasTheSameIdInAnotherProcess() throws IOException {
        List<Leak> again = LeakSeries.read(TestSnapshots.leakSeriesOfAnotherProcess()).leaks().stream()
                .filter(Leak::failing).toList();

        assertEquals(leaks.stream().map(Leak::id).collect(Collectors.toSet()),
                again.stream().map(Leak::id).collect(Collectors.toSet()));
    }

    private Leak leak(String subject) {
        return leaks.stream().filter(leak -> leak.subject().label().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no leak of " + subject + ": " + describe()));
    }

    private static List<String> constructors(Leak leak) {
        return leak.findings().stream().map(Finding::constructor).toList();
    }

    private String describe() {
        return leaks.stream().map(leak -> leak.subject().label() + " <- " + constructors(leak))
                .collect(Collectors.joining("; "));
    }
}
