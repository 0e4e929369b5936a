package dev.leakgate.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One Node app and one session shared by the tests that leave both healthy, as in a real run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectorSessionTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private InspectedNode node;
    private InspectorSession session;

    @BeforeAll
    void connectToANodeApp() throws Exception {
        node = InspectedNode.start("hello-server.js");
        session = InspectorSession.connect(node.inspectorUrl(), CALL_TIMEOUT);
        session.enableDomains();
    }

    @AfterAll
    void closeTheSessionBeforeStoppingNode() throws Exception {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            node.close();
        }
    }

    @Test
    void mapsTheAppScriptIdToItsFileUrl() throws Exception {
        String scriptUrl = node.script("hello-server.js").toUri().toString();

        assertTrue(session.scriptUrls().containsValue(scriptUrl), session.scriptUrls().values().toString());
    }

    @Test
    void readsThePositiveHeapUsage() throws Exception {
        HeapUsage usage = session.heapUsage(CALL_TIMEOUT);

        assertTrue(usage.usedBytes() > 0, usage.toString());
    }

    @Test
    void collectGarbageFreesWhatTheAppNoLongerReferences() throws Exception {
        session.evaluate("globalThis.garbage = Array.from({ length: 500000 }, (_, i) => ({ i })); 'allocated'");
        long withGarbage = session.heapUsage(CALL_TIMEOUT).usedBytes();
        session.evaluate("globalThis.garbage = undefined; 'released'");

        session.collectGarbage();

        long afterGc = session.heapUsage(CALL_TIMEOUT).usedBytes();
        assertTrue(afterGc < withGarbage - 10_000_000, "before " + withGarbage + ", after " + afterGc);
    }

    @Test
    void writesTwoCompleteHeapSnapshotsInOneSession() throws Exception {
        Path first = directory.resolve("first.heapsnapshot");
        Path second = directory.resolve("second.heapsnapshot");

        takeSnapshot(first);
        takeSnapshot(second);

        assertCompleteSnapshot(first);
        assertCompleteSnapshot(second);
    }

    @Test
    void evaluatesAnExpressionToItsValue() throws Exception {
        assertTrue(session.evaluate("process.version").matches("v\\d+\\.\\d+\\.\\d+"));
        assertEquals("42", session.evaluate("6 * 7"));
        assertEquals("undefined", session.evaluate("undefined"));
    }

    @Test
    void leavesTheAppRunningThroughDebuggerStatements() throws Exception {
        assertEquals("went on", session.evaluate("(() => { debugger; return 'went on'; })()"));
        session.scriptUrls();
        assertEquals("still going", session.evaluate("(() => { debugger; return 'still going'; })()"));
    }

    @Test
    void reassemblesAnAnswerThatArrivesInManyParts() throws Exception {
        assertEquals(1_000_000, session.evaluate("'x'.repeat(1000000)").length());
    }

    @Test
    void reportsWhatTheExpressionThrew() {
        InspectorException failure = assertThrows(InspectorException.class,
                () -> session.evaluate("(() => { throw new Error('boom in the app') })()"));

        assertTrue(failure.getMessage().contains("boom in the app"), failure.getMessage());
    }

    @Test
    void namesTheMethodWhenNodeAnswersWithAnError() {
        // A cyclic object cannot be returned by value, so Node answers with a protocol error.
        InspectorException failure = assertThrows(InspectorException.class,
                () -> session.evaluate("(() => { const cycle = {}; cycle.self = cycle; return cycle; })()"));

        assertTrue(failure.getMessage().startsWith("Runtime.evaluate failed: "), failure.getMessage());
    }

    private void takeSnapshot(Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            session.takeHeapSnapshot(out, SNAPSHOT_TIMEOUT);
        }
    }

    private static void assertCompleteSnapshot(Path file) throws IOException {
        String start = new String(readStart(file), StandardCharsets.UTF_8);
        assertTrue(start.startsWith("{\"snapshot\""), start);
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            parser.skipChildren();
            assertEquals(JsonToken.END_OBJECT, parser.currentToken());
            assertEquals(null, parser.nextToken(), "nothing may follow the snapshot");
        }
        assertTrue(Files.size(file) > 100_000, file + " has only " + Files.size(file) + " bytes");
    }

    private static byte[] readStart(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(11);
        }
    }
}
