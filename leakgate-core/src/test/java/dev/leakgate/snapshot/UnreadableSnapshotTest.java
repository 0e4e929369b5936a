package dev.leakgate.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnreadableSnapshotTest {

    @TempDir
    Path directory;

    private final HeapSnapshotReader reader = new HeapSnapshotReader();

    @Test
    void namesAMissingFile() {
        Path missing = directory.resolve("missing.heapsnapshot");
        SnapshotFormatException error = assertThrows(SnapshotFormatException.class,
                () -> reader.read(missing, ReadMode.SUMMARY));
        assertEquals(missing + " does not exist", error.getMessage());
        assertInstanceOf(NoSuchFileException.class, error.getCause());
    }

    @Test
    void namesADirectoryGivenForASnapshot() throws IOException {
        Path folder = Files.createDirectory(directory.resolve("snapshots"));
        SnapshotFormatException error = assertThrows(SnapshotFormatException.class,
                () -> reader.read(folder, ReadMode.SUMMARY));
        assertEquals(folder + " is a directory, not a snapshot file", error.getMessage());
    }

    @Test
    void saysAnEmptyFileIsEmpty() throws IOException {
        assertRefused("empty.heapsnapshot", new byte[0], "is empty");
    }

    @Test
    void saysATruncatedSnapshotIsTruncatedWhereverItWasCut() throws IOException {
        byte[] whole = Files.readAllBytes(TestSnapshots.first());
        for (int length : new int[] {1, 300, whole.length / 4, whole.length / 2, whole.length - 2}) {
            assertRefused("cut-" + length + ".heapsnapshot", Arrays.copyOf(whole, length), "is truncated");
        }
    }

    @Test
    void saysTextThatIsNotJsonIsNotJson() throws IOException {
        assertRefused("notes.heapsnapshot", "these are notes, not JSON".getBytes(StandardCharsets.UTF_8),
                "is not valid JSON");
    }

    @Test
    void saysJsonThatIsNoSnapshotIsNoSnapshot() throws IOException {
        assertRefused("package.heapsnapshot",
                "{\"name\":\"app\",\"version\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8),
                "is not a V8 heap snapshot: it has no \"snapshot\"");
        assertRefused("list.heapsnapshot", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8),
                "is not a V8 heap snapshot: it does not start with a JSON object");
    }

    @Test
    void saysWhichNumberOfADamagedSnapshotIsWrong() throws IOException {
        assertRefused("damaged.heapsnapshot", oneNode("\"element\",\"property\"", "0,1,10"),
                "is not a V8 heap snapshot: edge 0 points at no node");
    }

    @Test
    void saysWhenThereAreMoreEdgesThanTheNodesCountWhicheverWayTheSnapshotIsRead() throws IOException {
        byte[] twoEdges = oneNode("\"element\",\"property\"", "1,0,0,1,0,0");
        assertRefused("extra-edge-graph.heapsnapshot", twoEdges, ReadMode.GRAPH,
                "is not a V8 heap snapshot: the nodes' edge counts add up to 1 but \"edges\" holds 2 edges");
        // A summary uses each edge as it arrives, before the edges can be counted.
        assertRefused("extra-edge-summary.heapsnapshot", twoEdges, ReadMode.SUMMARY,
                "is not a V8 heap snapshot: the nodes' edge counts add up to 1 but \"edges\" holds more edges");
    }

    @Test
    void saysAnEdgeFarBeyondTheNodesPointsAtNoNode() throws IOException {
        // Past the 2^28 nodes an edge's target shares its int with the edge's type.
        long farTarget = ((1L << 28) + 3) * 5;
        assertRefused("far.heapsnapshot", oneNode("\"element\",\"property\"", "1,0," + farTarget),
                "is not a V8 heap snapshot: edge 0 points at no node");
    }

    @Test
    void saysAnEdgeIntoTheMiddleOfANodePointsAtNoNode() throws IOException {
        // A node is 5 numbers here: offsets 3 and 2^31 + 1 fall inside one, near and far.
        assertRefused("inside.heapsnapshot", oneNode("\"element\",\"property\"", "1,0,3"),
                "is not a V8 heap snapshot: edge 0 points at no node");
        assertRefused("far-inside.heapsnapshot", oneNode("\"element\",\"property\"", "1,0," + ((1L << 31) + 1)),
                "is not a V8 heap snapshot: edge 0 points at no node");
    }

    @Test
    void refusesMoreEdgeTypesThanAnEdgeHasRoomFor() throws IOException {
        String seventeenTypes = IntStream.range(0, 17).mapToObj(t -> "\"t" + t + "\"").collect(Collectors.joining(","));
        assertRefused("types.heapsnapshot", oneNode(seventeenTypes, "0,0,0"),
                "is not a V8 heap snapshot: snapshot.meta.edge_types lists 17 types where V8 has 7");
    }

    @Test
    void refusesMoreNodeTypesThanANodeHasRoomFor() throws IOException {
        String manyTypes = IntStream.range(0, 129).mapToObj(t -> "\"t" + t + "\"").collect(Collectors.joining(","));
        String snapshot = new String(oneNode("\"element\",\"property\"", "1,0,0"), StandardCharsets.UTF_8)
                .replace("[[\"synthetic\",\"object\"]]", "[[" + manyTypes + "]]")
                .replace("\"nodes\":[0,", "\"nodes\":[128,");
        assertRefused("node-types.heapsnapshot", snapshot.getBytes(StandardCharsets.UTF_8),
                "is not a V8 heap snapshot: snapshot.meta.node_types lists 129 types where V8 has 15");
    }

    @Test
    void readsGzipCompressedSnapshots() throws IOException {
        Path compressed = directory.resolve("s0.heapsnapshot.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
            Files.copy(TestSnapshots.first(), out);
        }
        HeapSummary plain = reader.read(TestSnapshots.first(), ReadMode.SUMMARY);
        HeapSummary unzipped = reader.read(compressed, ReadMode.SUMMARY);
        assertEquals(plain.nodeCount(), unzipped.nodeCount());
        assertEquals(TestSnapshots.total(plain, "RequestRecord"), TestSnapshots.total(unzipped, "RequestRecord"));
    }

    @Test
    void saysATruncatedGzipFileIsTruncated() throws IOException {
        Path compressed = directory.resolve("whole.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
            Files.copy(TestSnapshots.first(), out);
        }
        byte[] whole = Files.readAllBytes(compressed);
        assertRefused("cut.heapsnapshot.gz", Arrays.copyOf(whole, whole.length / 2), "is truncated");
    }

    /** A snapshot of one node with one edge, whose numbers are given, and the edge types listed. */
    private static byte[] oneNode(String edgeTypes, String edge) {
        return ("{\"snapshot\":{\"meta\":{\"node_fields\":[\"type\",\"name\",\"id\",\"self_size\",\"edge_count\"],"
                + "\"node_types\":[[\"synthetic\",\"object\"]],\"edge_fields\":[\"type\",\"name_or_index\",\"to_node\"],"
                + "\"edge_types\":[[" + edgeTypes + "]]}},\"nodes\":[0,0,1,0,1],\"edges\":[" + edge + "],\"strings\":[\"\"]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void assertRefused(String fileName, byte[] content, String expected) throws IOException {
        assertRefused(fileName, content, ReadMode.GRAPH, expected);
    }

    private void assertRefused(String fileName, byte[] content, ReadMode<?> mode, String expected) throws IOException {
        Path file = Files.write(directory.resolve(fileName), content);
        SnapshotFormatException error = assertThrows(SnapshotFormatException.class, () -> reader.read(file, mode));
        assertTrue(error.getMessage().startsWith(file + " " + expected), error.getMessage());
    }
}
