package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph read from a plain file has its nodes and edges read on threads of their own while the main
 * pass goes on to the strings: it must come out exactly as the same bytes read in one pass, failures
 * included.
 */
class ArraysReadAlongsideTest {

    private static final String READER_THREAD = "leakgate snapshot array reader";

    @TempDir
    Path directory;

    private final HeapSnapshotReader reader = new HeapSnapshotReader();

    @Test
    void aFileGivesTheSameGraphAsItsBytesReadInOnePass() throws IOException {
        Path file = TestSnapshots.series().get(2);
        HeapSnapshot alongside = reader.read(file, ReadMode.GRAPH);
        HeapSnapshot onePass = readInOnePass(file);
        assertEquals(onePass.nodeCount(), alongside.nodeCount());
        assertEquals(onePass.edgeCount(), alongside.edgeCount());
        for (int node = 0; node < onePass.nodeCount(); node++) {
            assertEquals(onePass.objectId(node), alongside.objectId(node));
            assertEquals(onePass.constructorOf(node), alongside.constructorOf(node));
            assertEquals(onePass.selfSize(node), alongside.selfSize(node));
            // Retained sizes depend on every edge.
            assertEquals(onePass.retainedSize(node), alongside.retainedSize(node), "retained size of node " + node);
        }
        int record = onePass.nodesOf("RequestRecord")[0];
        assertEquals(onePass.shortestRetainerPath(record), alongside.shortestRetainerPath(record));
        assertEquals(onePass.location(record), alongside.location(record));
    }

    @Test
    void aDamagedEdgeIsNamedByItsByteInTheFile() throws IOException {
        String json = Files.readString(TestSnapshots.first());
        int damage = json.indexOf(",", json.indexOf("\"edges\"") + 5_000) + 1;
        Path file = write("damaged-edge.heapsnapshot", json.substring(0, damage) + "x" + json.substring(damage + 1));
        String refusal = refusalOf(file);
        // Bytes are counted from 1, as a reader counts them.
        assertEquals(file + " is not a V8 heap snapshot: byte " + (damage + 1)
                + " holds 'x' where only integers belong", refusal);
        assertEquals(refusalInOnePass(file), refusal);
    }

    @Test
    void ofSeveralDamagesTheFirstInTheFileIsReported() throws IOException {
        String json = Files.readString(TestSnapshots.first());
        int inNodes = json.indexOf(",", json.indexOf("\"nodes\"") + 1_000) + 1;
        int inEdges = json.indexOf(",", json.indexOf("\"edges\"") + 1_000) + 1;
        int strings = json.indexOf("\"strings\"");
        String damaged = json.substring(0, inNodes) + "-" + json.substring(inNodes + 1, inEdges) + "?"
                + json.substring(inEdges + 1, strings) + "\"strings\":{" + json.substring(strings + 11);
        Path file = write("damaged-twice.heapsnapshot", damaged);
        String refusal = refusalOf(file);
        assertEquals(file + " is not a V8 heap snapshot: byte " + (inNodes + 1)
                + " holds '-' where only integers belong", refusal);
        assertEquals(refusalInOnePass(file), refusal);
    }

    @Test
    void aFileCutInTheEdgesIsTruncated() throws IOException {
        String json = Files.readString(TestSnapshots.first());
        Path file = write("cut.heapsnapshot", json.substring(0, json.indexOf("\"edges\"") + 2_000));
        String refusal = refusalOf(file);
        assertEquals(refusalInOnePass(file), refusal);
        assertEquals(file + " is truncated: the JSON ends after " + Files.size(file)
                + " bytes, in the middle of the snapshot", refusal);
    }

    @Test
    void noReaderThreadOutlivesARead() throws IOException {
        String json = Files.readString(TestSnapshots.first());
        reader.read(TestSnapshots.first(), ReadMode.GRAPH);
        refusalOf(write("cut.heapsnapshot", json.substring(0, json.indexOf("\"strings\"") + 50)));
        refusalOf(write("bad.heapsnapshot", json.replace("\"strings\":[", "\"strings\":[1,")));
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(READER_THREAD)), "a reader thread is still alive");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }

    private HeapSnapshot readInOnePass(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return reader.read(in, file.toString(), ReadMode.GRAPH);
        }
    }

    private String refusalOf(Path file) {
        return assertThrows(SnapshotFormatException.class, () -> reader.read(file, ReadMode.GRAPH)).getMessage();
    }

    private String refusalInOnePass(Path file) {
        return assertThrows(SnapshotFormatException.class, () -> readInOnePass(file)).getMessage();
    }
}
