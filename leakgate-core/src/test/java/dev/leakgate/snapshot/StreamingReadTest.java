package dev.leakgate.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamingReadTest {

    private final HeapSnapshotReader reader = new HeapSnapshotReader();

    @Test
    void readsASnapshotWhileItIsWrittenInSmallPieces() throws Exception {
        byte[] whole = Files.readAllBytes(TestSnapshots.first());
        HeapSnapshot streamed = reader.read(out -> {
            for (int start = 0; start < whole.length; start += 7_919) {
                out.write(whole, start, Math.min(7_919, whole.length - start));
            }
        }, "streamed", ReadMode.GRAPH);
        HeapSnapshot fromFile = reader.read(TestSnapshots.first(), ReadMode.GRAPH);
        assertEquals(fromFile.nodeCount(), streamed.nodeCount());
        assertEquals(fromFile.edgeCount(), streamed.edgeCount());
        assertEquals(fromFile.totalSelfSize(), streamed.totalSelfSize());
        assertEquals(TestSnapshots.total(fromFile, "RequestRecord"), TestSnapshots.total(streamed, "RequestRecord"));
    }

    @Test
    void failsWithTheSourcesOwnErrorWhenTheTransferBreaksOff() throws IOException {
        byte[] whole = Files.readAllBytes(TestSnapshots.first());
        IOException broken = new IOException("the inspector closed the connection");
        IOException thrown = assertThrows(IOException.class, () -> reader.read(out -> {
            out.write(whole, 0, whole.length / 2);
            throw broken;
        }, "broken", ReadMode.SUMMARY));
        assertSame(broken, thrown);
    }

    @Test
    void letsTheSourceFinishWhenTheSnapshotTurnsOutUnreadable() {
        byte[] notes = "these are notes, not a snapshot ".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) ' ');
        SnapshotFormatException refused = assertThrows(SnapshotFormatException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> reader.read(out -> {
                    out.write(notes);
                    // Far more than the pipe holds: a writer nobody reads from any more must not hang.
                    for (int i = 0; i < 64; i++) {
                        out.write(block);
                    }
                }, "notes", ReadMode.GRAPH)));
        assertTrue(refused.getMessage().startsWith("notes is not valid JSON"), refused.getMessage());
    }

    @Test
    void saysASnapshotThatStopsShortIsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(TestSnapshots.first());
        SnapshotFormatException refused = assertThrows(SnapshotFormatException.class,
                () -> reader.read(out -> out.write(whole, 0, whole.length - 100), "short", ReadMode.SUMMARY));
        assertTrue(refused.getMessage().startsWith("short is truncated"), refused.getMessage());
    }

}
